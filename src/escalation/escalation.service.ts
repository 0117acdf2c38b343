import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { CommandResult, ExecuteIssueCommand } from '../issues/commands/execute-issue-command';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { startNotifications, type Notifications } from '../notifications/notifications';
import { Reactor } from '../reactors/reactor';
import { READ_STORE, type ReadStore } from '../read-store/read-store';
import { calendarHealth } from './calendar/calendar-coverage';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { EscalationCheck } from './checks/escalation-check';
import { ESCALATION_POLICY, WORKING_CALENDAR, type EscalationPolicy } from './policy/escalation-policy';
import { CheckQueue } from './queue/check-queue';
import { startCheckWorker } from './queue/check-worker';
import { EscalationScheduler } from './queue/escalation-scheduler';
import { connectionFrom, producerConnectionFrom, QUEUE_NAMES } from './queue/queue-names';
import { Reconciler } from './queue/reconciler';
import { withinRedisDeadline } from './queue/redis-deadline';

const REDIS_HINT =
  'start one with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` ' +
  '(Debian/Ubuntu: apt-get install redis-server) or point REDIS_URL at yours';

/**
 * Automatic escalation in this engine: the scheduler reactor (log → delayed checks), the
 * check worker (due check → decider → IssueEscalated), the reconciler (deadlines read model →
 * missing checks) and webhook notifications. Every engine on one Redis runs all four; job ids
 * and the decider keep the result exactly once. Without Redis the engine still serves
 * commands and queries; escalation resumes, from the log, when Redis comes back.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Escalation');
  private readonly settings: AppConfig['escalation'];
  private redis: Redis | null = null;
  private checkQueue: CheckQueue | null = null;
  private scheduler: EscalationScheduler | null = null;
  private schedulerReactor: Reactor | null = null;
  private worker: Worker<EscalationCheck> | null = null;
  private reconciler: Reconciler | null = null;
  private notifications: Notifications | null = null;
  private lastError: string | null = null;
  /** Set when the engine stops, so no Redis connection keeps reconnecting after it. */
  private stopping = false;
  private readonly logged = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ESCALATION_POLICY) readonly policy: EscalationPolicy,
    @Inject(WORKING_CALENDAR) readonly calendar: WorkingCalendar,
    private readonly commandBus: CommandBus,
  ) {
    this.settings = config.escalation;
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.enabled) {
      this.logger.warn('ESCALATION=off: nothing escalates automatically in this engine');
      return;
    }
    const { redisUrl, queuePrefix: prefix } = this.settings;
    const stopReconnecting = () => this.stopping;
    const connection = connectionFrom(redisUrl, stopReconnecting);
    this.redis = new Redis(redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (n) => (this.stopping ? null : Math.min(n * 200, 2000)),
    });
    this.redis.on('error', (error: Error) => this.noteError(`Redis at ${redisUrl}: ${error.message}`));
    // Not awaited: the engine starts without Redis; this only logs if Redis is not ready in 2 s, and never rejects.
    void this.warnIfRedisIsAway(redisUrl);

    const queue = new Queue<EscalationCheck>(QUEUE_NAMES.checks, {
      connection: producerConnectionFrom(redisUrl, stopReconnecting),
      prefix,
    });
    queue.on('error', (error: Error) => this.noteError(`check queue: ${error.message}`));
    this.checkQueue = new CheckQueue(queue, this.redis, this.clock);
    this.scheduler = new EscalationScheduler(this.eventStore, this.policy, this.calendar, this.checkQueue);
    this.schedulerReactor = new Reactor(this.eventStore, this.readStore, this.scheduler, {
      upcast: upcastIssueEvent,
      onError: (error) => this.noteError(`scheduling checks failed, retrying the batch: ${message(error)}`),
    });
    this.worker = startCheckWorker({
      connection,
      prefix,
      concurrency: this.settings.workerConcurrency,
      execute: (command) => this.commandBus.execute<ExecuteIssueCommand, CommandResult>(command),
      clock: this.clock,
      lockDuration: this.settings.lockMs,
      beforeAppend: this.settings.fault === 'crash-before-append' ? crash : undefined,
      afterAppend: this.settings.fault === 'crash-after-append' ? crash : undefined,
    });
    this.worker.on('error', (error: Error) => this.noteError(`check worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        this.logger.error(`check ${job.id} failed for good: ${error.message}`);
    });
    this.reconciler = new Reconciler(
      this.readStore,
      this.policy,
      this.calendar,
      this.checkQueue,
      this.clock,
      this.settings.reconcileIntervalMs,
      (error) => this.noteError(`reconciling checks failed: ${message(error)}`),
    );
    this.notifications = await startNotifications({
      eventStore: this.eventStore,
      readStore: this.readStore,
      redisUrl,
      prefix,
      webhooks: this.settings.webhooks,
      secret: this.settings.webhookSecret,
      upcast: upcastIssueEvent,
      logger: this.logger,
      stopReconnecting,
    });
    // Without a listener BullMQ prints every connection error itself; the log dedupes them.
    this.notifications.queue.on('error', (error: Error) =>
      this.noteError(`notification queue: ${error.message}`),
    );
    this.notifications.worker?.on('error', (error: Error) =>
      this.noteError(`notification worker: ${error.message}`),
    );
    await this.schedulerReactor.start();
    this.reconciler.start();
    // Redis (re)connected, perhaps empty after a restart: reconcile at once.
    // Not awaited: a listener can't wait; run() records its own errors and joins a pass under way.
    this.redis.on('ready', () => void this.reconciler?.run());
    this.logger.log(
      `automatic escalation on: policy "${this.policy.name}" (${this.policy.source}), Redis ${redactUrl(redisUrl)}, prefix "${prefix}", ${this.settings.webhooks.length} webhook(s)`,
    );
  }

  /** Before, not on, shutdown: the stores close on shutdown, and the reactors read them until stopped. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    // Each stop waits for work in flight, which waits for Redis if Redis is away: bounded.
    await settle(this.schedulerReactor?.stop(), 5000);
    await settle(this.reconciler?.stop(), 5000);
    const notifications = this.notifications;
    await settle(notifications?.stop(), 5000);
    // A closing worker waits for its jobs; without Redis it would wait forever.
    await settle(this.worker?.close(), 5000);
    await settle(this.checkQueue?.queue.close(), 2000);
    this.redis?.disconnect();
  }

  /** The queues an operator sees in Bull Board. */
  queues(): Queue[] {
    return [this.checkQueue?.queue, this.notifications?.queue].filter(
      (q): q is Queue => q !== undefined && q !== null,
    );
  }

  /** Queue depth, the oldest overdue check, the reconciler and scheduler state, for /health. */
  async health(): Promise<Record<string, unknown>> {
    if (!this.settings.enabled || !this.checkQueue || !this.reconciler) return { status: 'off' };
    const queue = this.checkQueue.queue;
    const base = {
      policy: { name: this.policy.name, source: this.policy.source },
      calendar: calendarHealth(this.calendar),
      reconciler: this.reconciler.state(),
      scheduler: {
        position: this.schedulerReactor?.position() ?? 0,
        uncomputable: [...(this.scheduler?.errors.values() ?? [])].flat().slice(0, 20),
      },
      lastError: this.lastError,
    };
    try {
      const [counts, notifications, oldest] = await withinRedisDeadline(
        Promise.all([
          queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed'),
          this.notifications?.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed'),
          this.oldestOverdueCheck(),
        ]),
        'reading the queues',
        1500,
      );
      const degraded = base.reconciler.uncomputable.length > 0 || base.scheduler.uncomputable.length > 0;
      return {
        status: degraded ? 'degraded' : 'up',
        redis: 'up',
        checks: counts,
        notifications,
        oldestOverdueCheck: oldest,
        ...base,
      };
    } catch (error) {
      return { status: 'down', redis: 'down', error: `${message(error)}; ${REDIS_HINT}`, ...base };
    }
  }

  /**
   * The check that should have run longest ago and has not: the head of the waiting list, or
   * a delayed check whose time has passed (a worker-less or lagging engine shows here first).
   */
  private async oldestOverdueCheck(): Promise<{ jobId: string; runAt: string; lateMs: number } | null> {
    const queue = this.checkQueue!.queue;
    const now = this.clock.now().getTime();
    const [waiting, delayed] = await Promise.all([queue.getWaiting(0, 0), queue.getDelayed(0, 0)]);
    const candidates = [...waiting, ...delayed].filter(
      (job) => job?.data && Date.parse(job.data.runAt) <= now,
    );
    if (candidates.length === 0) return null;
    const oldest = candidates.reduce((a, b) =>
      Date.parse(a.data.runAt) <= Date.parse(b.data.runAt) ? a : b,
    );
    return { jobId: oldest.id ?? '', runAt: oldest.data.runAt, lateMs: now - Date.parse(oldest.data.runAt) };
  }

  /** Runs a reconciliation now (the periodic one runs on its own); resolves when done. */
  async reconcileNow(): Promise<void> {
    await this.reconciler?.run();
  }

  private async warnIfRedisIsAway(redisUrl: string): Promise<void> {
    const redis = this.redis!;
    try {
      const ready = new Promise<void>((resolve) =>
        redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve()),
      );
      await withinRedisDeadline(ready, 'connecting', 2000);
    } catch (error) {
      this.logger.warn(
        `Redis is not reachable at ${redactUrl(redisUrl)} (${message(error)}): commands and queries work, but nothing escalates until it is; ${REDIS_HINT}`,
      );
    }
  }

  /** Records the latest error for /health; logs each distinct one at most once a minute (a Redis outage repeats every second). */
  private noteError(text: string): void {
    const now = Date.now();
    if (now - (this.logged.get(text) ?? 0) >= 60_000) {
      this.logged.set(text, now);
      this.logger.error(text);
    }
    this.lastError = text;
  }
}

/** The crash tests' fault: die at once, as a killed process does, with nothing cleaned up. */
const crash = (): void => void process.kill(process.pid, 'SIGKILL');

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const redactUrl = (url: string): string => url.replace(/\/\/([^@/]*)@/, '//***@');

/** Waits for a stop at most `ms`: a stop that waits on a missing Redis must not hold the shutdown. */
const settle = async (stop: Promise<unknown> | undefined, ms: number): Promise<void> => {
  if (stop) await withinRedisDeadline(stop, 'stopping', ms).catch(() => undefined);
};
