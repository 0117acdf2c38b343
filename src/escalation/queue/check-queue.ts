import type { OnApplicationShutdown } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../clock/clock';
import { checkJobId, type EscalationCheck } from '../checks/escalation-check';
import { RedisUnavailableError, settleWithin, withinRedisDeadline } from './redis-deadline';

/**
 * How check jobs are kept. Completed jobs stay a week, so a replayed event re-adding the same
 * id finds it and adds nothing; failed (poison) jobs stay a month with their reason for an
 * operator to read in Bull Board. Conflicts and outages retry with backoff.
 */
export const CHECK_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * How long a batch waits for Redis before it has ever connected: the engine takes commands
 * before its connection is up, and the first batches after a start must wait for it rather
 * than fail (2 s, after which the engine also warns that Redis is away). Once Redis has been
 * connected, a batch fails at once while it is away, and is retried with backoff.
 */
export const FIRST_CONNECTION_MS = 2000;

/** The delayed-job queue of escalation checks, keyed by what each check checks. Closed when the app shuts down. */
export class CheckQueue implements OnApplicationShutdown {
  private everConnected: boolean;

  constructor(
    readonly queue: Queue<EscalationCheck>,
    /** A plain client on the same Redis, for the reconciler's pipelined existence checks. */
    private readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    this.everConnected = this.connected();
    redis.once('ready', () => (this.everConnected = true));
  }

  /** Adds every check; one already queued (same id) is left as it is. */
  async schedule(checks: EscalationCheck[]): Promise<void> {
    if (checks.length === 0) return;
    if (!this.everConnected) await this.firstConnection();
    this.assertConnected(`queueing ${checks.length} escalation check(s)`);
    const now = this.clock.now().getTime();
    const jobs = checks.map((check) => ({
      name: check.kind,
      data: check,
      opts: {
        ...CHECK_JOB_OPTIONS,
        jobId: checkJobId(check),
        delay: Math.max(0, Date.parse(check.runAt) - now),
      },
    }));
    await withinRedisDeadline(this.queue.addBulk(jobs), `queueing ${checks.length} escalation check(s)`);
  }

  /**
   * The reconciler's mark in Redis: set when a pass starts. A Redis that lost it (flushed,
   * restarted empty, replaced) has lost the checks too, which a cheap probe notices at once.
   */
  async mark(at: Date): Promise<void> {
    await this.redis.set(this.markKey(), at.toISOString());
  }

  async marked(): Promise<boolean> {
    return (await this.redis.exists(this.markKey())) === 1;
  }

  /** Whether Redis is connected now. */
  connected(): boolean {
    return this.redis.status === 'ready';
  }

  /** Calls `listener` each time Redis (re)connects, perhaps empty after a restart. */
  onConnected(listener: () => void): void {
    this.redis.on('ready', listener);
  }

  /** Everything that adds checks has stopped by now; a missing Redis must not hold the shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await settleWithin(this.queue.close(), 2000);
  }

  /** Settles when Redis connects, or after FIRST_CONNECTION_MS. */
  private async firstConnection(): Promise<void> {
    let listener = (): void => undefined;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      listener = resolve;
      timer = setTimeout(resolve, FIRST_CONNECTION_MS);
      this.redis.once('ready', listener);
    });
    clearTimeout(timer);
    this.redis.off('ready', listener);
  }

  /** Fails at once while Redis is known to be away, rather than waiting out the deadline. */
  private assertConnected(what: string): void {
    if (!this.connected()) throw new RedisUnavailableError(what, 0);
  }

  private markKey(): string {
    return this.queue.toKey('reconciler-mark');
  }

  /**
   * Adds only the checks Redis does not hold (one pipelined EXISTS per page), and says how
   * many that was: the reconciler's measure of what a lost Redis had lost.
   */
  async scheduleMissing(checks: EscalationCheck[]): Promise<number> {
    if (checks.length === 0) return 0;
    this.assertConnected('looking up pending checks');
    const pipeline = this.redis.pipeline();
    for (const check of checks) pipeline.exists(this.queue.toKey(checkJobId(check)));
    const found = (await withinRedisDeadline(pipeline.exec(), 'looking up pending checks')) ?? [];
    const missing = checks.filter((_, i) => found[i]?.[1] !== 1);
    await this.schedule(missing);
    return missing.length;
  }
}
