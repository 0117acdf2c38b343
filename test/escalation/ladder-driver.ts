import * as path from 'node:path';
import type { Job, Queue } from 'bullmq';
import { CLOCK, type Clock } from '../../src/clock/clock';
import type { WorkingCalendar } from '../../src/escalation/calendar/working-calendar';
import type { EscalationCheck } from '../../src/escalation/checks/escalation-check';
import {
  ESCALATION_POLICY,
  WORKING_CALENDAR,
  type EscalationPolicy,
} from '../../src/escalation/policy/escalation-policy';
import { CheckQueue } from '../../src/escalation/queue/check-queue';
import { CheckWorker, type CheckRun } from '../../src/escalation/queue/check-worker';
import { issueJobs, type CheckJobData, type DeadlineJob } from '../../src/escalation/queue/deadline-jobs';
import type { SuspensionsForChecks } from '../../src/escalation/checks/suspensions-for-checks';
import { SUSPENSION_BOOK } from '../../src/suspensions/suspension-book';
import { loadIssueDeadlines } from '../../src/escalation/queue/issue-deadlines';
import { SCHEDULER_STATE, type SchedulerState } from '../../src/escalation/queue/scheduler-state';
import { Reconciler, type ReconcilerState } from '../../src/escalation/queue/reconciler';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store';
import type { TestApp } from '../e2e/test-app';
import { waitUntil } from '../event-store/fixtures/helpers';

/**
 * The fast policy in hours (first response 10 h; levels at the due time, 2 h and 4 h after;
 * warnings at 75 %): no check falls due by the wall clock while a spec runs, so every one runs
 * when the spec moves the test clock to its time.
 */
export const HOURS_POLICY = path.join(__dirname, 'fixtures', 'escalation-policy.hours.yaml');

export const HOUR = 3_600_000;

/**
 * What an engine on a TestClock needs besides its policy: sessions that outlive the hours a
 * spec moves the clock on (tokens expire by the engine's clock; their expiry has its own
 * spec, test/identity/tokens.e2e.spec.ts).
 */
export const TEST_CLOCK_ENV: Record<string, string> = { AUTH_TOKEN_TTL: '30d' };

/** A clock the test moves by hand; it starts at the wall clock's current second. */
export class TestClock implements Clock {
  private at = Math.floor(Date.now() / 1000) * 1000;

  now(): Date {
    return new Date(this.at);
  }

  /** The time `ms` from now on this clock, as ISO text. */
  in(ms: number): string {
    return new Date(this.at + ms).toISOString();
  }

  set(time: string | number): void {
    const at = typeof time === 'number' ? time : Date.parse(time);
    if (at < this.at) throw new Error(`the test clock runs forwards only: ${new Date(at).toISOString()}`);
    this.at = at;
  }
}

/** A check a deadline's job will run, as derived from the issue when the queue was read. */
export interface QueuedCheck {
  kind: EscalationCheck['kind'];
  trigger: EscalationCheck['trigger'];
  remediationId: string | null;
  level: number;
  runAt: string;
  /** The state of the deadline's job. */
  state: 'delayed' | 'waiting' | 'active';
}

/** One check the driver saw run: its job, its key, the time the clock stood at, and what the decider appended. */
export type { CheckRun };

/** A deadline's job and the checks it will run, derived from the issue as it stands. */
interface DeadlineJobView {
  job: Job<CheckJobData>;
  state: QueuedCheck['state'];
  checks: EscalationCheck[];
  /** When it runs next (engine clock); null when it has nothing left to run (it ends when it wakes). */
  runAt: string | null;
}

/**
 * What the engines' check queue holds, read once their schedulers have caught up with the
 * log: "nothing more will happen" as queue state rather than a sleep. A job carries only its
 * issue, so its checks are derived here as the worker derives them, from the issue's state.
 */
export class CheckQueueView {
  readonly queue: Queue<CheckJobData>;
  private readonly eventStore: EventStore;
  private readonly schedulers: SchedulerState[];
  private readonly policy: EscalationPolicy;
  private readonly calendar: WorkingCalendar;
  private readonly engineClock: Clock;
  private readonly suspensions: SuspensionsForChecks;

  /** `engines` share one queue (one Redis and prefix); the first one's connection is used. */
  constructor(protected readonly engines: TestApp[]) {
    const app = engines[0].app;
    this.queue = app.get(CheckQueue).queue;
    this.eventStore = app.get<symbol, EventStore>(EVENT_STORE);
    this.schedulers = engines.map((e) => e.app.get<symbol, SchedulerState>(SCHEDULER_STATE));
    this.policy = app.get<symbol, EscalationPolicy>(ESCALATION_POLICY);
    this.calendar = app.get<symbol, WorkingCalendar>(WORKING_CALENDAR);
    this.engineClock = app.get<symbol, Clock>(CLOCK);
    this.suspensions = app.get<symbol, SuspensionsForChecks>(SUSPENSION_BOOK, { strict: false });
  }

  /** Waits until every engine's scheduler has queued the checks of every event in the log. */
  async caughtUp(): Promise<void> {
    const head = await this.eventStore.headPosition();
    await waitUntil(() => this.schedulers.every((s) => s.position() >= head), `the schedulers at ${head}`);
  }

  /** The checks of an issue still to run, earliest first, after the schedulers caught up. */
  async pending(issueId: string): Promise<QueuedCheck[]> {
    await this.caughtUp();
    return (await this.jobsOf([issueId]))
      .flatMap(({ checks, state }) =>
        checks.map((c) => ({
          kind: c.kind,
          trigger: c.trigger,
          remediationId: c.remediationId,
          level: c.level,
          runAt: c.runAt,
          state,
        })),
      )
      .sort((a, b) => Date.parse(a.runAt) - Date.parse(b.runAt) || a.level - b.level);
  }

  /** The jobs of these issues in Redis (running, waiting, delayed), each with what it will run. */
  protected async jobsOf(issueIds: string[]): Promise<DeadlineJobView[]> {
    const found: DeadlineJobView[] = [];
    const derived = new Map<string, DeadlineJob[]>();
    const now = this.engineClock.now().getTime();
    for (const state of ['active', 'waiting', 'delayed'] as const) {
      const jobs = (await this.queue.getJobs(state)) as Array<Job<CheckJobData> | undefined>;
      for (const job of jobs) {
        if (!job?.data || !issueIds.includes(job.data.issueId)) continue;
        const issueId = job.data.issueId;
        if (!derived.has(issueId)) {
          const doc = await loadIssueDeadlines(this.eventStore, issueId);
          await this.suspensions.refresh();
          const periods = doc ? this.suspensions.periodsFor(doc.state) : [];
          derived.set(issueId, doc ? issueJobs(doc, this.policy, this.calendar, periods).jobs : []);
        }
        // A warning whose deadline has passed is not run (see check-worker.ts).
        const checks = (derived.get(issueId)!.find((d) => d.id === job.id)?.checks ?? []).filter(
          (c) => c.kind === 'escalate' || now < Date.parse(c.suspendedDueAt ?? c.dueAt),
        );
        found.push({ job, state, checks, runAt: checks[0]?.runAt ?? null });
      }
    }
    return found;
  }
}

/**
 * Drives the escalation ladder of engines that run on a `TestClock`: it moves the clock to
 * each deadline job's next check in turn and promotes that job (BullMQ holds it by the wall
 * clock, hours away), waits for the engine's worker to run it (and put it back for its next
 * check, or end it) and for the schedulers to queue what its events need. It hears every check
 * the engines' workers run, so the specs read the ladder as exact times.
 */
export class LadderDriver extends CheckQueueView {
  private readonly runs: CheckRun[] = [];

  constructor(
    readonly clock: TestClock,
    engines: TestApp[],
  ) {
    super(engines);
    for (const engine of engines) engine.app.get(CheckWorker).onRun((run) => this.runs.push(run));
  }

  /**
   * Moves the clock to `time`, running every check of these issues that falls due on the way
   * at its own time, one after the other. Gives the checks that ran.
   */
  async advanceTo(time: string, ...issueIds: string[]): Promise<CheckRun[]> {
    const from = this.runs.length;
    for (;;) {
      await this.caughtUp();
      const jobs = await this.jobsOf(issueIds);
      // A job running or queued without delay (its time had come when it was queued) runs at once.
      const busy = jobs.filter(({ state }) => state !== 'delayed');
      if (busy.length > 0) {
        await Promise.all(busy.map(({ job }) => this.settled(job.id!)));
        continue;
      }
      const timed = jobs
        .filter((j): j is DeadlineJobView & { runAt: string } => j.runAt !== null)
        .sort((a, b) => Date.parse(a.runAt) - Date.parse(b.runAt));
      const [earliest] = timed;
      if (!earliest || Date.parse(earliest.runAt) > Date.parse(time)) break;
      // Every job due at that same moment runs then, together, as they would.
      const next = timed.filter((j) => j.runAt === earliest.runAt);
      this.clock.set(Math.max(this.clock.now().getTime(), Date.parse(earliest.runAt)));
      await Promise.all(next.map(({ job }) => job.promote()));
      await Promise.all(next.map(({ job }) => this.settled(job.id!)));
    }
    this.clock.set(time);
    return this.runs.slice(from).filter((run) => issueIds.includes(run.issueId));
  }

  /** What an engine's reconciler last did. */
  reconciler(engine: TestApp = this.engines[0]): ReconcilerState {
    return engine.app.get(Reconciler).state();
  }

  /** Waits until a reconciler pass that started at the clock's current time has finished. */
  async reconciledNow(engine: TestApp = this.engines[0]): Promise<ReconcilerState> {
    const reconciler = engine.app.get(Reconciler);
    const now = this.clock.now().toISOString();
    const passedNow = () => {
      const state = reconciler.state();
      return !state.running && state.lastStartedAt !== null && state.lastStartedAt >= now;
    };
    await waitUntil(passedNow, `a reconciler pass at ${now}`);
    return reconciler.state();
  }

  /** Waits until a promoted job has run: back in the delayed set for its next check, or ended. */
  private async settled(id: string): Promise<void> {
    await waitUntil(async () => {
      const state = await this.queue.getJobState(id);
      if (state === 'failed')
        throw new Error(`check job ${id} failed: ${(await this.queue.getJob(id))?.failedReason}`);
      return state !== 'waiting' && state !== 'active' && state !== 'prioritized';
    }, `check job ${id} to run`);
  }
}
