import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Queue, type Worker } from 'bullmq';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { Reactor } from '../reactors/reactor';
import { connectionFrom, producerConnectionFrom, QUEUE_NAMES } from '../escalation/queue/queue-names';
import { settleWithin } from '../escalation/queue/redis-deadline';
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

/**
 * Escalation notifications: the log feeds the reactor, the reactor queues one job per (event,
 * receiver), the worker delivers them. With no webhooks only the queue exists (Bull Board
 * shows it). In the app, Nest starts the reactor with the app, stops it and the worker before
 * the stores close, and closes the queue last.
 */
export class Notifications
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  /** Always there, so Bull Board can show it even with delivery off. */
  readonly queue: Queue<WebhookJobData, WebhookJobResult>;
  /** Null when no webhooks are configured. */
  readonly worker: Worker<WebhookJobData, WebhookJobResult> | null = null;
  /** Null when no webhooks are configured. */
  readonly reactor: Reactor | null = null;

  constructor(options: NotificationsOptions) {
    this.queue = new Queue<WebhookJobData, WebhookJobResult>(QUEUE_NAMES.notifications, {
      connection: producerConnectionFrom(options.redisUrl, options.stopReconnecting),
      prefix: options.prefix,
    });
    const webhooks = options.webhooks.map((url) => url.trim()).filter((url) => url !== '');
    if (webhooks.length === 0) return;
    try {
      // Built first: it refuses a malformed URL before anything starts.
      const reaction = new NotificationReaction(options.eventStore, this.queue, {
        webhooks,
        attempts: options.attempts,
        backoffMs: options.backoffMs,
        upcast: options.upcast,
      });
      this.worker = startWebhookWorker({
        connection: connectionFrom(options.redisUrl, options.stopReconnecting),
        prefix: options.prefix,
        secret: options.secret,
        timeoutMs: options.timeoutMs,
        concurrency: options.concurrency,
        logger: options.logger,
      });
      const logger = options.logger;
      this.reactor = new Reactor(options.eventStore, options.readStore, reaction, {
        upcast: options.upcast,
        onError: (error) =>
          logger?.error(
            `queueing notifications failed, retrying the batch: ${error instanceof Error ? error.message : String(error)}`,
          ),
      });
    } catch (error) {
      // Not awaited: a constructor can't wait; closing a queue that never connected settles by itself.
      void this.queue.close().catch(() => undefined);
      throw error;
    }
  }

  /** Starts queueing from the reactor's checkpoint. */
  async start(): Promise<void> {
    await this.reactor?.start();
  }

  /** Stops queueing and lets deliveries in flight finish. */
  async stopDelivery(): Promise<void> {
    await this.reactor?.stop();
    await this.worker?.close();
  }

  /** Stops queueing, lets deliveries in flight finish, closes the Redis connections. */
  async stop(): Promise<void> {
    await this.stopDelivery();
    await this.queue.close();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** Bounded: a stop that waits on a missing Redis must not hold the shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    await settleWithin(this.stopDelivery(), 5000);
  }

  async onApplicationShutdown(): Promise<void> {
    await settleWithin(this.queue.close(), 2000);
  }
}

/** Builds the notifications and starts them (outside Nest, e.g. in a test). */
export async function startNotifications(options: NotificationsOptions): Promise<Notifications> {
  const notifications = new Notifications(options);
  try {
    await notifications.start();
  } catch (error) {
    await notifications.stop();
    throw error;
  }
  return notifications;
}
