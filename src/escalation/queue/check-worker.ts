import { createHash } from 'node:crypto';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import {
  DelayedError,
  UnrecoverableError,
  Worker,
  type ConnectionOptions,
  type Job,
  type WorkerOptions,
} from 'bullmq';
import type { Clock } from '../../clock/clock';
import { ExecuteIssueCommand, type CommandResult } from '../../issues/commands/execute-issue-command';
import { DomainError, NotYetDueError } from '../../shared-kernel/domain-errors';
import type { EscalateAutomatically, WarnOfEscalation } from '../../issues/domain/issue-commands';
import type { DeadlineDoc } from '../../../projections/escalation-deadlines/deadline-doc';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { checkIdempotencyKey, type EscalationCheck } from '../checks/escalation-check';
import type { EscalationPolicy } from '../policy/escalation-policy';
import { NO_SUSPENSIONS, type SuspensionsForChecks } from '../checks/suspensions-for-checks';
import { issueJobs, type CheckJobData } from './deadline-jobs';
import { QUEUE_NAMES } from './queue-names';
import { settleWithin } from './redis-deadline';

/**
 * Fault injection for the crash tests, called around a check's append (they kill the process
 * there). The app provides none; a test overrides `CHECK_WORKER_HOOKS` when it builds the app.
 */
export interface CheckWorkerHooks {
  beforeAppend?: () => void;
  afterAppend?: () => void;
}

export const CHECK_WORKER_HOOKS = Symbol('CHECK_WORKER_HOOKS');

/**
 * A check's way to the command handler with the hooks around it: on the main thread, whether
 * the check worker runs there or sends its commands there from the scheduler's thread.
 */
export const hookedExecute =
  (
    execute: (command: ExecuteIssueCommand) => Promise<CommandResult>,
    hooks: CheckWorkerHooks,
  ): ((command: ExecuteIssueCommand) => Promise<CommandResult>) =>
  async (command) => {
    hooks.beforeAppend?.();
    const result = await execute(command);
    hooks.afterAppend?.();
    return result;
  };

export interface CheckWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  /** Runs an issue command through the one command handler (load, decide, append). */
  execute: (command: ExecuteIssueCommand) => Promise<CommandResult>;
  /** The issue as the log says it now (see `loadIssueDeadlines`); null when it does not exist. */
  load: (issueId: string) => Promise<DeadlineDoc | null>;
  policy: EscalationPolicy;
  calendar: WorkingCalendar;
  /** The suspensions (force majeure) whose periods move the checks. @defaultValue none */
  suspensions?: SuspensionsForChecks;
  /**
   * Brings `policy` and `calendar` up to the versions in force before each round, where they
   * are read from the log (in the scheduler's thread); the main thread's are always current.
   */
  refreshRules?: () => Promise<void>;
  clock: Clock;
  /** Told of every check a job ran and what it appended (the test driver listens). */
  onRun?: (run: CheckRun) => void;
  /** How long a job stays locked to a worker that stopped renewing it (crashed). @defaultValue 30000 */
  lockDuration?: number;
}

/** One check a job ran: what it was, when (engine clock), and what the decider appended for it. */
export interface CheckRun {
  jobId: string;
  /** The check's own key, its command's Idempotency-Key. */
  checkKey: string;
  issueId: string;
  kind: EscalationCheck['kind'];
  level: number;
  remediationId: string | null;
  at: string;
  appended: string[];
}

/** The actor and correlation of everything the saga appends. */
export const SYSTEM_ACTOR = 'system:escalation';

/**
 * Transient failures in a row (the event store away, conflicts beyond the handler's own
 * retries) before a job goes to the failed set, waiting 1 s, 2 s, 4 s… between them.
 */
export const CHECK_RETRIES = 10;
const RETRY_FROM_MS = 1000;

/**
 * Finished check jobs: completed ones are removed (a job re-added later derives its checks
 * again and finds them done), failed ones stay a month with their reason.
 */
export const CHECK_WORKER_KEEP: Pick<WorkerOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { count: 0 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The domain command a check stands for, at `now`. */
export function commandOf(check: EscalationCheck, now: Date): EscalateAutomatically | WarnOfEscalation {
  const metadata = { now, occurredAt: now };
  if (check.kind === 'escalate') {
    return {
      type: 'EscalateAutomatically',
      data: {
        level: check.level,
        trigger: check.trigger,
        remediationId: check.remediationId,
        dueAt: new Date(check.dueAt),
        firesAt: new Date(check.runAt),
        policyVersion: check.policyVersion ?? null,
        calendarVersion: check.calendarVersion ?? null,
      },
      metadata,
    };
  }
  return {
    type: 'WarnOfEscalation',
    data: {
      trigger: check.trigger,
      remediationId: check.remediationId,
      dueAt: new Date(check.dueAt),
      nextLevel: check.level,
      escalatesAt: new Date(check.escalatesAt),
      share: check.share ?? 0,
      warnAt: new Date(check.runAt),
      ...(check.suspendedDueAt && { breachAt: new Date(check.suspendedDueAt) }),
      policyVersion: check.policyVersion ?? null,
      calendarVersion: check.calendarVersion ?? null,
    },
    metadata,
  };
}

/**
 * Whether a check is worth running at `now`: its time has come and, for a warning, the
 * deadline is still ahead (after it the decider decides nothing for a warning: the escalation
 * itself speaks). The decider stays the judge; this only spares a wake-up a command.
 */
const dueNow = (check: EscalationCheck, now: number): boolean =>
  Date.parse(check.runAt) <= now &&
  // The breach is the deadline as suspensions moved it.
  (check.kind === 'escalate' || now < Date.parse(check.suspendedDueAt ?? check.dueAt));

/** Rounds of "run what is due, read the issue again" in one run of a job: every level and the warning, and then some. */
const MAX_ROUNDS = 8;

/**
 * The saga's acting half. A job stands for one deadline of one issue; when it runs it reads
 * the issue as the log says it now (through the aggregate cache), derives that deadline's
 * checks with the same rules as the scheduler, runs every one that is due through the command
 * handler, reads again (a level reached makes the next one due perhaps), and finally puts
 * itself back in the delayed set for the deadline's next check, or ends when there is none
 * (the item done, the deadline moved, the top of the ladder). Each check's command carries the
 * check's own key as its Idempotency-Key, so a check run twice (a crash before the
 * acknowledgement, a stalled job taken over by another engine, two engines racing) appends
 * its event once: the second run finds the first's event under the key, or loses the
 * expected-revision race and then finds it.
 */
export function checkProcessor(
  options: CheckWorkerOptions,
): (job: Job<CheckJobData>, token?: string) => Promise<{ runs: CheckRun[] }> {
  return async (job, token) => {
    const jobId = job.id ?? job.name;
    const issueId = job.data.issueId;
    const suspensions = options.suspensions ?? NO_SUSPENSIONS;
    const runs: CheckRun[] = [];
    const ran = new Set<string>();
    const later = async (runAt: number, data: CheckJobData = { issueId }): Promise<never> => {
      // Only a backing-off job carries its count; a success clears it.
      if (data.retries !== job.data.retries) await job.updateData(data);
      await job.moveToDelayed(Date.now() + runAt - options.clock.now().getTime(), token);
      throw new DelayedError();
    };
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const doc = await options.load(issueId);
        // A job for an issue the log does not have is poison: nothing will make it exist.
        if (doc === null) throw new UnrecoverableError(`issue ${issueId} does not exist`);
        await options.refreshRules?.();
        await suspensions.refresh();
        const periods = suspensions.periodsFor(doc.state);
        const { jobs } = issueJobs(doc, options.policy, options.calendar, periods);
        const checks = jobs.find((j) => j.id === jobId)?.checks ?? [];
        const now = options.clock.now();
        const due = checks.filter((c) => dueNow(c, now.getTime()) && !ran.has(checkIdempotencyKey(c)));
        if (due.length === 0) {
          const next = checks.find((c) => Date.parse(c.runAt) > now.getTime());
          if (next) return await later(Date.parse(next.runAt));
          if (job.data.retries !== undefined) await job.updateData({ issueId });
          return { runs };
        }
        for (const check of due) {
          ran.add(checkIdempotencyKey(check));
          runs.push(await runCheck(options, jobId, check));
        }
      }
      throw new Error(`checks of job ${jobId} still due after ${MAX_ROUNDS} rounds`);
    } catch (error) {
      if (error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
      if (error instanceof NotYetDueError) {
        // Run early (this engine's clock behind another's, or the policy's): wait, don't fail.
        return later(error.dueAt.getTime());
      }
      // A refused command will be refused again: poison, straight to the failed set with the reason.
      if (error instanceof DomainError && error.kind !== 'conflict')
        throw new UnrecoverableError(error.message);
      const retries = (job.data.retries ?? 0) + 1;
      const message = error instanceof Error ? error.message : String(error);
      if (retries >= CHECK_RETRIES) throw new UnrecoverableError(`${message} (after ${retries} attempts)`);
      return later(options.clock.now().getTime() + RETRY_FROM_MS * 2 ** (retries - 1), { issueId, retries });
    }
  };
}

async function runCheck(
  options: CheckWorkerOptions,
  jobId: string,
  check: EscalationCheck,
): Promise<CheckRun> {
  const key = checkIdempotencyKey(check);
  const now = options.clock.now();
  const result = await options.execute(
    new ExecuteIssueCommand(check.issueId, commandOf(check, now), {
      actor: SYSTEM_ACTOR,
      metadata: { actorRole: 'system', actorDistrict: null },
      correlationId: key,
      causationId: null,
      idempotencyKey: key,
      // The key names what is checked; the policy times in the data may differ between runs.
      requestHash: createHash('sha256').update(key).digest('hex'),
    }),
  );
  const run: CheckRun = {
    jobId,
    checkKey: key,
    issueId: check.issueId,
    kind: check.kind,
    level: check.level,
    remediationId: check.remediationId,
    at: now.toISOString(),
    appended: result.events.map((e) => e.type),
  };
  options.onRun?.(run);
  return run;
}

/** The BullMQ worker of the check queue. It starts with the app, after the command handlers are registered. */
export class CheckWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly worker: Worker<CheckJobData>;
  private readonly listeners = new Set<(run: CheckRun) => void>();

  constructor(options: CheckWorkerOptions) {
    const onRun = (run: CheckRun): void => {
      options.onRun?.(run);
      for (const listener of this.listeners) listener(run);
    };
    this.worker = new Worker<CheckJobData>(QUEUE_NAMES.checks, checkProcessor({ ...options, onRun }), {
      ...CHECK_WORKER_KEEP,
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDuration ?? 30_000,
      // Look for checks whose worker died as often as a lock can expire.
      stalledInterval: options.lockDuration ?? 30_000,
      // A check that keeps stalling its worker is poison too.
      maxStalledCount: 3,
      autorun: false,
    });
  }

  /**
   * Tells `noteError` of the worker's errors (Redis away: /health shows them) and `failedForGood`
   * of each job that used its last attempt (the engine's log names it).
   */
  watch(noteError: (text: string) => void, failedForGood: (text: string) => void): this {
    this.worker.on('error', (error: Error) => noteError(`check worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        failedForGood(`check ${job.id} failed for good: ${error.message}`);
    });
    return this;
  }

  /** Calls `listener` with every check this engine's worker runs; gives the way to stop. */
  onRun(listener: (run: CheckRun) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationBootstrap(): void {
    // As BullMQ's autorun does: run() resolves when the worker closes; its failures are worker errors.
    this.worker.run().catch((error: Error) => this.worker.emit('error', error));
  }

  /** A closing worker waits for its jobs; without Redis it would wait forever. */
  async beforeApplicationShutdown(): Promise<void> {
    await settleWithin(this.worker.close(), 5000);
  }
}
