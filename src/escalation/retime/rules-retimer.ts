import type { OnApplicationBootstrap } from '@nestjs/common';
import { CheckpointMovedError } from '../../ports/read-store';
import { errorMessage, type EscalationLog } from '../escalation-log';
import type { RulesChange, RulesInForce } from '../rules/rules-in-force';
import {
  emptyRetimeReport,
  retimePendingChecks,
  type RetimeDeps,
  type RetimeReport,
} from './retime-pending-checks';

/**
 * Where the pending checks were last re-timed: the `system-config` revision whose versions
 * timed them, plus one (a checkpoint of the read store; 0, absent, means never).
 */
export const RULES_RETIMED_CHECKPOINT = 'escalation:rules-retimed';

/**
 * Re-times every pending check when a new policy or calendar version comes in force: on a
 * reload (the reload answers with what moved), and at a start when the versions in force are
 * not the ones the checks were last re-timed for: the start recorded a version replacing an
 * earlier one, or an engine recorded one and stopped (or lost Redis) before its re-timing
 * finished. Each re-timing that finishes is remembered (`RULES_RETIMED_CHECKPOINT`), so a
 * start with nothing left to do re-times nothing: the reconciler adds what Redis lacks, as
 * always.
 */
export class RulesRetimer implements OnApplicationBootstrap {
  /** The last re-timing, for /health and the specs. */
  last: (RetimeReport & { at: string; error: string | null }) | null = null;

  constructor(
    private readonly rules: RulesInForce,
    private readonly deps: RetimeDeps,
    private readonly log: EscalationLog,
    /** Run after each re-timing (the reconciler's pass). */
    private readonly after: () => Promise<void> = async () => undefined,
  ) {
    rules.onChange((change) => this.retime(change));
  }

  /** The start's look at whether the checks need re-timing, and that re-timing; settles, never rejects. */
  atStart: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    // Not awaited: the start must not wait for Redis; a failure is noted (and the next start
    // tries again), and a job timed by the old rules finds nothing due when it wakes meanwhile
    // (the worker derives its checks under the rules in force at every run).
    this.atStart = this.retimeIfBehind().catch((error: unknown) =>
      this.log.noteError(`re-timing the pending checks after the start failed: ${errorMessage(error)}`),
    );
  }

  /** Re-times at a start when the checks were not re-timed for the versions now in force. */
  private async retimeIfBehind(): Promise<void> {
    const start = this.rules.startChange;
    // One version of each in the log: every check was timed by it.
    if (!start || this.rules.previous() === null) return;
    // At a start Redis may not have answered yet; a re-timing would fail on it at once.
    await this.deps.checkQueue.firstConnected();
    const retimedFor = (await this.deps.readStore.checkpoints())[RULES_RETIMED_CHECKPOINT] ?? 0;
    if (retimedFor >= this.rules.revision() + 1) return;
    await this.retime(start);
  }

  /** Remembers that the checks are timed by the versions in force; another engine that got there first wins. */
  private async remember(revision: number): Promise<void> {
    const stored = (await this.deps.readStore.checkpoints())[RULES_RETIMED_CHECKPOINT] ?? 0;
    if (stored >= revision + 1) return;
    await this.deps.readStore
      .applyBatch(RULES_RETIMED_CHECKPOINT, { from: stored, to: revision + 1 }, async () => undefined)
      .catch((error: unknown) => {
        if (!(error instanceof CheckpointMovedError)) throw error;
      });
  }

  async retime(change: RulesChange): Promise<RetimeReport> {
    const at = this.deps.clock.now().toISOString();
    try {
      const revision = this.rules.revision();
      const report = await retimePendingChecks(this.deps);
      await this.remember(revision);
      this.last = { ...report, at, error: null };
      await this.after();
      this.log.logger.log(
        `re-timed ${report.issues} pending issue(s) under policy ${change.policy.version}, calendar ${change.calendar.version}: ${report.moved} deadline job(s) moved, ${report.added} added, ${report.removed} removed, ${report.unchanged} unchanged`,
      );
      return report;
    } catch (error) {
      this.last = {
        ...emptyRetimeReport(),
        at,
        error: errorMessage(error),
      };
      throw error;
    }
  }
}
