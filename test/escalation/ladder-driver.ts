import * as path from 'node:path';
import type { Job, Queue } from 'bullmq';
import type { Clock } from '../../src/clock/clock';
import type { EscalationCheck } from '../../src/escalation/checks/escalation-check';
import { CheckQueue } from '../../src/escalation/queue/check-queue';
import { SCHEDULER_REACTOR } from '../../src/escalation/queue/escalation-scheduler';
import { Reconciler, type ReconcilerState } from '../../src/escalation/queue/reconciler';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store';
import type { Reactor } from '../../src/reactors/reactor';
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

/** A check job as the queue holds it. */
export interface QueuedCheck {
  kind: EscalationCheck['kind'];
  trigger: EscalationCheck['trigger'];
  remediationId: string | null;
  level: number;
  runAt: string;
  state: 'delayed' | 'waiting' | 'active';
}

/** One check the driver ran: its job, the time the clock stood at, and what the decider appended. */
export interface CheckRun {
  jobId: string;
  kind: EscalationCheck['kind'];
  level: number;
  remediationId: string | null;
  at: string;
  appended: string[];
}

/**
 * What the engines' check queue holds, read once their schedulers have caught up with the
 * log: "nothing more will happen" as queue state rather than a sleep.
 */
export class CheckQueueView {
  readonly queue: Queue<EscalationCheck>;
  private readonly eventStore: EventStore;
  private readonly schedulers: Reactor[];

  /** `engines` share one queue (one Redis and prefix); the first one's connection is used. */
  constructor(protected readonly engines: TestApp[]) {
    this.queue = engines[0].app.get(CheckQueue).queue;
    this.eventStore = engines[0].app.get<symbol, EventStore>(EVENT_STORE);
    this.schedulers = engines.map((e) => e.app.get<symbol, Reactor>(SCHEDULER_REACTOR));
  }

  /** Waits until every engine's scheduler has queued the checks of every event in the log. */
  async caughtUp(): Promise<void> {
    const head = await this.eventStore.headPosition();
    await waitUntil(() => this.schedulers.every((s) => s.position() >= head), `the schedulers at ${head}`);
  }

  /** The checks of an issue still to run, earliest first, after the schedulers caught up. */
  async pending(issueId: string): Promise<QueuedCheck[]> {
    await this.caughtUp();
    return (await this.jobsOf([issueId])).map(({ job, state }) => ({
      kind: job.data.kind,
      trigger: job.data.trigger,
      remediationId: job.data.remediationId,
      level: job.data.level,
      runAt: job.data.runAt,
      state,
    }));
  }

  protected async jobsOf(
    issueIds: string[],
  ): Promise<Array<{ job: Job<EscalationCheck>; state: QueuedCheck['state'] }>> {
    const found: Array<{ job: Job<EscalationCheck>; state: QueuedCheck['state'] }> = [];
    for (const state of ['active', 'waiting', 'delayed'] as const) {
      const jobs = (await this.queue.getJobs(state)) as Array<Job<EscalationCheck> | undefined>;
      for (const job of jobs)
        if (job?.data && issueIds.includes(job.data.issueId)) found.push({ job, state });
    }
    return found.sort(
      (a, b) =>
        Date.parse(a.job.data.runAt) - Date.parse(b.job.data.runAt) || a.job.data.level - b.job.data.level,
    );
  }
}

/**
 * Drives the escalation ladder of engines that run on a `TestClock`: it moves the clock to
 * each pending check's time in turn and promotes that check's delayed job (BullMQ holds it by
 * the wall clock, hours away), waits for the engine's worker to finish it and for the
 * schedulers to queue what its event needs next. The specs then read the ladder as exact
 * times.
 */
export class LadderDriver extends CheckQueueView {
  constructor(
    readonly clock: TestClock,
    engines: TestApp[],
  ) {
    super(engines);
  }

  /**
   * Moves the clock to `time`, running every check of these issues that falls due on the way
   * at its own time, one after the other. Gives the checks it ran.
   */
  async advanceTo(time: string, ...issueIds: string[]): Promise<CheckRun[]> {
    const runs: CheckRun[] = [];
    for (;;) {
      await this.caughtUp();
      const jobs = await this.jobsOf(issueIds);
      // A check queued without delay (its time had come when it was queued) runs at once.
      let next = jobs.filter(({ state }) => state !== 'delayed').map(({ job }) => job);
      if (next.length === 0) {
        const [earliest] = jobs;
        if (!earliest || Date.parse(earliest.job.data.runAt) > Date.parse(time)) break;
        // Every check due at that same moment runs then, together, as they would.
        const at = earliest.job.data.runAt;
        next = jobs.filter(({ job }) => job.data.runAt === at).map(({ job }) => job);
        this.clock.set(Math.max(this.clock.now().getTime(), Date.parse(at)));
        await Promise.all(next.map((job) => job.promote()));
      }
      runs.push(...(await Promise.all(next.map((job) => this.finished(job)))));
    }
    this.clock.set(time);
    return runs;
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

  private async finished(job: Job<EscalationCheck>): Promise<CheckRun> {
    const id = job.id!;
    await waitUntil(async () => {
      const state = await this.queue.getJobState(id);
      if (state === 'failed')
        throw new Error(`check ${id} failed: ${(await this.queue.getJob(id))?.failedReason}`);
      return state === 'completed';
    }, `check ${id} to finish`);
    const done = (await this.queue.getJob(id))!;
    const result = done.returnvalue as { appended: string[] };
    return {
      jobId: id,
      kind: job.data.kind,
      level: job.data.level,
      remediationId: job.data.remediationId,
      at: this.clock.now().toISOString(),
      appended: result.appended,
    };
  }
}
