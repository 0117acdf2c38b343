import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { pendingDeadlines } from '../../../projections/escalation-deadlines/projection';
import type { Clock } from '../../clock/clock';
import type { ReadStore } from '../../ports/read-store';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { CheckError } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';
import type { CheckQueue } from './check-queue';
import { issueJobs, type DeadlineJob } from './deadline-jobs';
import { NO_SUSPENSIONS, type SuspensionsForChecks } from '../checks/suspensions-for-checks';
import { settleWithin } from './redis-deadline';

/** What the last reconciliation found, for /health. */
export interface ReconcilerState {
  running: boolean;
  runs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  /**
   * Issues that could still escalate, the jobs they need (one per open deadline), the jobs
   * Redis had lost, and those it held for later than their time (pulled back).
   */
  issuesScanned: number;
  checksNeeded: number;
  checksAdded: number;
  checksRetimed: number;
  /** Deadlines whose checks could not be computed (first 20), e.g. a year the calendar lacks. */
  uncomputable: CheckError[];
  lastError: string | null;
}

/** How often the cheap probe asks Redis whether it still holds the reconciler's mark. */
const PROBE_MS = 5000;

/**
 * Pending checks are derived state. At start and on a period the reconciler reads which jobs
 * Redis holds delayed and when (ZRANGE in pages), walks the deadlines read model, derives the
 * job each open deadline needs, and adds the ones Redis does not hold (or pulls back one it
 * holds for too late): a flushed, restarted or replaced Redis loses no escalation. A full pass
 * is a scan of the read model plus a diff in memory (see docs/benchmarks.md for its cost per
 * pending issue); between passes a probe every few seconds only checks the mark each pass
 * leaves in Redis, and runs a pass at once when it is gone, as it does when Redis
 * (re)connects. In the app, Nest starts it with the app and stops it before the stores close.
 */
export class Reconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly current: ReconcilerState = {
    running: false,
    runs: 0,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastDurationMs: null,
    issuesScanned: 0,
    checksNeeded: 0,
    checksAdded: 0,
    checksRetimed: 0,
    uncomputable: [],
    lastError: null,
  };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastPassAt = 0;
  private listening = false;

  constructor(
    private readonly readStore: ReadStore,
    private readonly policy: EscalationPolicy,
    private readonly calendar: WorkingCalendar,
    private readonly checkQueue: CheckQueue,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** Told when a pass finished without error. */
    private readonly onClean: () => void = () => undefined,
    /** The suspensions (force majeure) whose periods move the checks. */
    private readonly suspensions: SuspensionsForChecks = NO_SUSPENSIONS,
  ) {}

  state(): ReconcilerState {
    return { ...this.current, uncomputable: [...this.current.uncomputable] };
  }

  /**
   * Runs a pass as soon as Redis is connected (now, or when it connects), then every interval,
   * when Redis lost its mark, and whenever Redis reconnects.
   */
  start(): void {
    if (this.timer) return;
    // A timer can't wait; probe() catches its own errors and skips while a pass is running.
    this.timer = setInterval(() => void this.probe(), Math.min(PROBE_MS, this.intervalMs));
    this.timer.unref();
    if (!this.listening) {
      this.listening = true;
      this.checkQueue.onConnected(() => {
        // Not awaited: a listener can't wait; run() records its own errors and joins a pass under way.
        if (this.timer) void this.run();
      });
    }
    // Not awaited: the pass records its own errors, and stop() awaits it.
    if (this.checkQueue.connected()) void this.run();
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** A pass waiting on a missing Redis must not hold the shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    await settleWithin(this.stop(), 5000);
  }

  private async probe(): Promise<void> {
    // Redis away (or not yet connected at start): nothing to ask it; its 'ready' starts a pass.
    if (this.running || !this.checkQueue.connected()) return;
    try {
      const due = this.clock.now().getTime() - this.lastPassAt >= this.intervalMs;
      if (due || !(await this.checkQueue.marked())) await this.run();
    } catch (error) {
      this.current.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; a pass already under way is joined, not doubled. */
  run(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const started = this.clock.now();
    Object.assign(this.current, { running: true, lastStartedAt: started.toISOString() });
    let issues = 0;
    let needed = 0;
    let added = 0;
    let retimed = 0;
    const uncomputable: CheckError[] = [];
    try {
      await this.checkQueue.mark(started);
      // What Redis holds, read once (a few pages), then compared in memory: no round trip per
      // job. A job it lacks from the delayed set may be running, waiting or failed, so only
      // those few are looked up, one pipeline per page of the read model.
      const held = await this.checkQueue.delayedTimes();
      await this.suspensions.refresh();
      for await (const page of pendingDeadlines(this.readStore)) {
        const missing: DeadlineJob[] = [];
        const late: DeadlineJob[] = [];
        const offset = this.checkQueue.wallOffset();
        for (const doc of page) {
          const { jobs, errors } = issueJobs(
            doc,
            this.policy,
            this.calendar,
            this.suspensions.periodsFor(doc.state),
          );
          if (errors.length > 0 && uncomputable.length < 20) uncomputable.push(...errors);
          needed += jobs.length;
          for (const job of jobs) {
            const heldAt = held.get(job.id);
            if (heldAt === undefined) missing.push(job);
            else if (this.checkQueue.isLate(job, heldAt, offset)) late.push(job);
          }
        }
        issues += page.length;
        added += await this.checkQueue.scheduleMissing(missing);
        await this.checkQueue.pullEarlier(late);
        retimed += late.length;
        // The SQLite read store answers synchronously and a page with nothing missing sends
        // nothing to Redis: without this a pass over a million issues would hold the event
        // loop (HTTP, the worker, the projector) for its whole length.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      Object.assign(this.current, {
        issuesScanned: issues,
        checksNeeded: needed,
        checksAdded: added,
        checksRetimed: retimed,
        uncomputable: uncomputable.slice(0, 20),
        lastError: null,
      });
      this.lastPassAt = started.getTime();
      // Redis lost the mark while this pass ran: what it added before may be gone too.
      if (!(await this.checkQueue.marked())) this.lastPassAt = 0;
      else this.onClean();
    } catch (error) {
      this.current.lastError = error instanceof Error ? error.message : String(error);
      this.onError(error);
    } finally {
      const finished = this.clock.now();
      Object.assign(this.current, {
        running: false,
        runs: this.current.runs + 1,
        lastFinishedAt: finished.toISOString(),
        lastDurationMs: finished.getTime() - started.getTime(),
      });
    }
  }
}
