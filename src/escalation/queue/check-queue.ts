import type { OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../../clock/clock';
import type { CheckJobData, DeadlineJob } from './deadline-jobs';
import { QUEUE_NAMES } from './queue-names';
import { RedisUnavailableError, settleWithin, withinRedisDeadline } from './redis-deadline';

/**
 * What each check job stores beyond its id, name and issue: nothing else. Retries with backoff
 * are the worker's own (see check-worker.ts), and what is kept of finished jobs is the worker's
 * setting (CHECK_WORKER_KEEP), because every byte of a job's options is stored with it, and
 * Redis keeps a job's hash compact only while each field (the options' JSON among them) stays
 * within 64 bytes. `attempts` only covers an error the worker could not catch (Redis failing
 * mid-run): the job is then run again at once.
 */
export const CHECK_JOB_OPTIONS = { attempts: 3 } as const;

/** Entries of the check queue's event stream Redis keeps (BullMQ's default is 10,000); nothing reads more. */
export const CHECK_EVENTS_KEPT = 1000;

/** The BullMQ queue of check jobs under a deployment's prefix, as the engine (and the benchmark) builds it. */
export function createCheckQueue(connection: ConnectionOptions, prefix: string): Queue<CheckJobData> {
  return new Queue<CheckJobData>(QUEUE_NAMES.checks, {
    connection,
    prefix,
    streams: { events: { maxLen: CHECK_EVENTS_KEPT } },
  });
}

/** A job whose time Redis holds later than the log needs by more than this is pulled earlier. */
const RETIME_SLACK_MS = 1000;

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
    readonly queue: Queue<CheckJobData>,
    /** A plain client on the same Redis, for the reconciler's pipelined existence checks. */
    private readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    this.everConnected = this.connected();
    redis.once('ready', () => (this.everConnected = true));
  }

  /**
   * Makes Redis hold every job, each no later than its time: a job Redis lacks is added, one
   * it holds for later (a policy made shorter, a suspension lifted early) is pulled back to its
   * time, and one it holds for earlier is left alone (it wakes, finds nothing due yet and puts
   * itself back). One pipelined ZSCORE per batch, then one addBulk of what is missing.
   */
  async schedule(jobs: DeadlineJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const what = `queueing ${jobs.length} escalation check(s)`;
    if (!this.everConnected) await this.firstConnection();
    this.assertConnected(what);
    const held = await this.delayedTimesOf(
      jobs.map((job) => job.id),
      what,
    );
    const missing: DeadlineJob[] = [];
    const late: DeadlineJob[] = [];
    jobs.forEach((job, i) => {
      const heldAt = held[i];
      if (heldAt === null) missing.push(job);
      else if (this.isLate(job, heldAt)) late.push(job);
    });
    await this.add(missing);
    await this.pullEarlier(late);
  }

  /**
   * When Redis holds each of these jobs delayed (wall clock, ms), null for one it does not hold
   * delayed (missing, or waiting, running, failed): one pipelined ZSCORE.
   */
  async delayedTimesOf(
    ids: readonly string[],
    what = 'reading the delayed checks',
  ): Promise<(number | null)[]> {
    if (ids.length === 0) return [];
    this.assertConnected(what);
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.zscore(this.delayedKey(), id);
    const scores = (await withinRedisDeadline(pipeline.exec(), what)) ?? [];
    return ids.map((_, i) => {
      const [error, score] = scores[i] ?? [null, null];
      if (error) throw error;
      return score === null ? null : delayedTime(score as string);
    });
  }

  /**
   * Every delayed job's time (wall clock, ms) by id, read in pages: the reconciler's picture of
   * what Redis holds, compared in memory with what the log needs.
   */
  async delayedTimes(pageSize = 10_000): Promise<Map<string, number>> {
    this.assertConnected('reading the delayed checks');
    const times = new Map<string, number>();
    for (let start = 0; ; start += pageSize) {
      const page = await withinRedisDeadline(
        this.redis.zrange(this.delayedKey(), start, start + pageSize - 1, 'WITHSCORES'),
        'reading the delayed checks',
      );
      for (let i = 0; i < page.length; i += 2) times.set(page[i], delayedTime(page[i + 1]));
      if (page.length < pageSize * 2) return times;
    }
  }

  /**
   * Adds the jobs Redis does not hold at all (one pipelined EXISTS: a job not delayed may be
   * waiting, running or failed), and says how many that was: the reconciler's measure of what
   * a lost Redis had lost.
   */
  async scheduleMissing(jobs: DeadlineJob[]): Promise<number> {
    return (await this.addMissing(jobs)).length;
  }

  /** As `scheduleMissing`, giving the jobs it added. */
  async addMissing(jobs: DeadlineJob[]): Promise<DeadlineJob[]> {
    if (jobs.length === 0) return [];
    this.assertConnected('looking up pending checks');
    const pipeline = this.redis.pipeline();
    for (const job of jobs) pipeline.exists(this.queue.toKey(job.id));
    const found = (await withinRedisDeadline(pipeline.exec(), 'looking up pending checks')) ?? [];
    const missing = jobs.filter((_, i) => found[i]?.[1] !== 1);
    await this.add(missing);
    return missing;
  }

  /**
   * Whether Redis holds `job` (at `heldAt`, wall clock) for later than its time: it must be
   * pulled back. `offset` is `wallOffset()`, which a caller checking many jobs reads once.
   */
  isLate(job: DeadlineJob, heldAt: number, offset = this.wallOffset()): boolean {
    return heldAt > Date.parse(job.runAt) + offset + RETIME_SLACK_MS;
  }

  /** Wall clock minus engine clock (0 but under a test clock): BullMQ times jobs by Date.now(). */
  wallOffset(): number {
    return Date.now() - this.clock.now().getTime();
  }

  /**
   * Whether Redis holds `job` (at `heldAt`, wall clock) for another time than its own, earlier
   * or later: a re-timing moves it there.
   */
  isOffTime(job: DeadlineJob, heldAt: number, offset = this.wallOffset()): boolean {
    return Math.abs(heldAt - Date.parse(job.runAt) - offset) > RETIME_SLACK_MS;
  }

  /** Moves delayed jobs back to their times (a job no longer delayed is left to run). */
  async pullEarlier(jobs: DeadlineJob[]): Promise<void> {
    await this.moveToTime(jobs);
  }

  /** Moves delayed jobs to their times, earlier or later (a job no longer delayed is left to run). */
  async moveToTime(jobs: DeadlineJob[]): Promise<void> {
    for (const wanted of jobs) {
      const job = await withinRedisDeadline(Job.fromId(this.queue, wanted.id), 'retiming a check');
      await job
        ?.changeDelay(Math.max(0, this.wallTime(wanted.runAt) - Date.now()))
        // Taken by a worker meanwhile: it derives its own next time.
        .catch(() => undefined);
    }
  }

  /**
   * Removes delayed jobs by id (one a worker holds meanwhile is left: it derives its checks when
   * it runs and finds none due), and says how many went.
   */
  async removeDelayed(ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (const id of ids) removed += await withinRedisDeadline(this.queue.remove(id), 'removing a check');
    return removed;
  }

  /** Adds jobs (one already there, same id, is left as it is). */
  private async add(jobs: DeadlineJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const what = `queueing ${jobs.length} escalation check(s)`;
    const now = Date.now();
    const bulk = jobs.map((job) => ({
      name: job.name,
      data: { issueId: job.issueId } satisfies CheckJobData,
      opts: { ...CHECK_JOB_OPTIONS, jobId: job.id, delay: Math.max(0, this.wallTime(job.runAt) - now) },
    }));
    await withinRedisDeadline(this.queue.addBulk(bulk), what);
  }

  /**
   * A time of the engine's clock as BullMQ's wall clock reads it (they differ only under a
   * test clock): BullMQ times delayed jobs by Date.now().
   */
  private wallTime(runAt: string): number {
    return Date.now() + Date.parse(runAt) - this.clock.now().getTime();
  }

  private delayedKey(): string {
    return this.queue.toKey('delayed');
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
  /** Resolves once Redis has answered for the first time, or after a short wait if it does not. */
  async firstConnected(): Promise<void> {
    if (!this.everConnected) await this.firstConnection();
  }

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
}

/** The time (ms) a BullMQ delayed-set score stands for: BullMQ keeps a 12-bit counter below it. */
export const delayedTime = (score: string): number => Math.floor(Number(score) / 0x1000);
