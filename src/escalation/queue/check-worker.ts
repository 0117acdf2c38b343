import { createHash } from 'node:crypto';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Clock } from '../../clock/clock';
import { ExecuteIssueCommand, type CommandResult } from '../../issues/commands/execute-issue-command';
import { DomainError, NotYetDueError } from '../../shared-kernel/domain-errors';
import type { EscalateAutomatically, WarnOfEscalation } from '../../issues/domain/issue-commands';
import type { EscalationCheck } from '../checks/escalation-check';
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

export interface CheckWorkerOptions extends CheckWorkerHooks {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  /** Runs an issue command through the one command handler (load, decide, append). */
  execute: (command: ExecuteIssueCommand) => Promise<CommandResult>;
  clock: Clock;
  /** How long a job stays locked to a worker that stopped renewing it (crashed). @defaultValue 30000 */
  lockDuration?: number;
  /**
   * The check as the rules in force time it (see `reviseCheck`): itself, the same check at
   * another time, or null when those rules no longer ask for it. @defaultValue the check as queued
   */
  revise?: (check: EscalationCheck) => Promise<EscalationCheck | null>;
}

/** The actor and correlation of everything the saga appends. */
export const SYSTEM_ACTOR = 'system:escalation';

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
 * The saga's acting half: a due check reloads the issue and lets the pure decider say whether
 * the escalation (or warning) still stands. The job id is the command's Idempotency-Key, so a
 * check run twice (a crash before the acknowledgement, a stalled job taken over by another
 * engine, two engines racing) appends its event once: the second run finds the first's event
 * under the key, or loses the expected-revision race and then finds it.
 */
export function checkProcessor(
  options: CheckWorkerOptions,
): (job: Job<EscalationCheck>, token?: string) => Promise<{ appended: string[]; position: number }> {
  return async (job, token) => {
    const key = job.id ?? job.name;
    const check = options.revise ? await options.revise(job.data) : job.data;
    // Timed by rules no longer in force, and those in force ask for nothing here: done, nothing appended.
    if (check === null) return { appended: [], position: 0 };
    if (check !== job.data) {
      await job.updateData(check);
      // Moved later by a policy or calendar change: wait for the new time, don't act on the old.
      if (Date.parse(check.runAt) > options.clock.now().getTime()) {
        await job.moveToDelayed(Date.parse(check.runAt), token);
        throw new DelayedError();
      }
    }
    try {
      options.beforeAppend?.();
      const result = await options.execute(
        new ExecuteIssueCommand(check.issueId, commandOf(check, options.clock.now()), {
          actor: SYSTEM_ACTOR,
          metadata: { actorRole: 'system', actorDistrict: null },
          correlationId: key,
          causationId: null,
          idempotencyKey: key,
          // The id names what is checked; the policy times in the data may differ between runs.
          requestHash: createHash('sha256').update(key).digest('hex'),
        }),
      );
      options.afterAppend?.();
      return { appended: result.events.map((e) => e.type), position: result.position };
    } catch (error) {
      if (error instanceof NotYetDueError) {
        // Run early (a clock ahead of the policy time): wait, don't fail.
        await job.moveToDelayed(error.dueAt.getTime(), token);
        throw new DelayedError();
      }
      // A refused command will be refused again: poison, straight to the failed set with the reason.
      if (error instanceof DomainError && error.kind !== 'conflict')
        throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}

/** The BullMQ worker of the check queue. It starts with the app, after the command handlers are registered. */
export class CheckWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly worker: Worker<EscalationCheck>;

  constructor(options: CheckWorkerOptions) {
    this.worker = new Worker<EscalationCheck>(QUEUE_NAMES.checks, checkProcessor(options), {
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

  onApplicationBootstrap(): void {
    // As BullMQ's autorun does: run() resolves when the worker closes; its failures are worker errors.
    this.worker.run().catch((error: Error) => this.worker.emit('error', error));
  }

  /** A closing worker waits for its jobs; without Redis it would wait forever. */
  async beforeApplicationShutdown(): Promise<void> {
    await settleWithin(this.worker.close(), 5000);
  }
}
