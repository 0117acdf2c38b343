import { Queue, type Worker } from 'bullmq';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { Reactor } from '../reactors/reactor';
import { connectionFrom, producerConnectionFrom, QUEUE_NAMES } from '../escalation/queue/queue-names';
import { NotificationReaction } from './notification-reaction';
import {
  startWebhookWorker,
  type NotificationLogger,
  type WebhookJobData,
  type WebhookJobResult,
} from './webhook-worker';

export interface NotificationsOptions {
  eventStore: EventStore;
  /** Holds the reactor's checkpoint. */
  readStore: ReadStore;
  redisUrl: string;
  /** The BullMQ key prefix (ESCALATION_QUEUE_PREFIX). */
  prefix: string;
  /** Receiver URLs (ESCALATION_WEBHOOKS, split on commas); empty turns delivery off. */
  webhooks: string[];
  /** The HMAC signing secret; required when there are webhooks. */
  secret: string;
  /** Brings old event shapes up to today's (upcastIssueEvent). */
  upcast: (event: StoredEvent) => StoredEvent;
  logger?: NotificationLogger;
  /** @defaultValue 8 */
  attempts?: number;
  /** @defaultValue 2000 */
  backoffMs?: number;
  /** @defaultValue 10000 */
  timeoutMs?: number;
  /** @defaultValue 4 */
  concurrency?: number;
  /** True once the engine stops: its Redis connections stop reconnecting. */
  stopReconnecting?: () => boolean;
}

export interface Notifications {
  /** Always there, so Bull Board can show it even with delivery off. */
  queue: Queue<WebhookJobData, WebhookJobResult>;
  /** Null when no webhooks are configured. */
  worker: Worker<WebhookJobData, WebhookJobResult> | null;
  /** Null when no webhooks are configured. */
  reactor: Reactor | null;
  /** Stops queueing, lets deliveries in flight finish, closes the Redis connections. */
  stop(): Promise<void>;
}

/**
 * Escalation notifications for the app: the log feeds the reactor, the reactor queues one job
 * per (event, receiver), the worker delivers them. With no webhooks, only the queue exists.
 */
export async function startNotifications(options: NotificationsOptions): Promise<Notifications> {
  const connection = connectionFrom(options.redisUrl, options.stopReconnecting);
  const queue = new Queue<WebhookJobData, WebhookJobResult>(QUEUE_NAMES.notifications, {
    connection: producerConnectionFrom(options.redisUrl, options.stopReconnecting),
    prefix: options.prefix,
  });
  const webhooks = options.webhooks.map((url) => url.trim()).filter((url) => url !== '');
  if (webhooks.length === 0) {
    return { queue, worker: null, reactor: null, stop: () => queue.close() };
  }
  let worker: Worker<WebhookJobData, WebhookJobResult> | null = null;
  let reactor: Reactor;
  try {
    // Built first: it refuses a malformed URL before anything starts.
    const reaction = new NotificationReaction(options.eventStore, queue, {
      webhooks,
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      upcast: options.upcast,
    });
    worker = startWebhookWorker({
      connection,
      prefix: options.prefix,
      secret: options.secret,
      timeoutMs: options.timeoutMs,
      concurrency: options.concurrency,
      logger: options.logger,
    });
    const logger = options.logger;
    reactor = new Reactor(options.eventStore, options.readStore, reaction, {
      upcast: options.upcast,
      onError: (error) =>
        logger?.error(
          `queueing notifications failed, retrying the batch: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
    await reactor.start();
  } catch (error) {
    await worker?.close();
    await queue.close();
    throw error;
  }
  const started = { worker, reactor };
  return {
    queue,
    ...started,
    stop: async () => {
      await started.reactor.stop();
      await started.worker.close();
      await queue.close();
    },
  };
}
