import type { OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage, type EscalationLog } from '../escalation-log';
import type { RulesChange, RulesInForce } from '../rules/rules-in-force';
import {
  emptyRetimeReport,
  retimePendingChecks,
  type RetimeDeps,
  type RetimeReport,
} from './retime-pending-checks';

/**
 * Re-times every pending check when a new policy or calendar version comes in force: on a
 * reload (the reload answers with what moved), and after a start that recorded a version
 * replacing an earlier one (the checks in Redis were timed by the earlier one). A start that
 * records nothing re-times nothing: the reconciler adds what Redis lacks, as always.
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

  onApplicationBootstrap(): void {
    const start = this.rules.startChange;
    const replaced = (c: RulesChange['policy']) => c.changed && c.previousVersion !== null;
    if (start && (replaced(start.policy) || replaced(start.calendar))) {
      // Not awaited: the start must not wait for Redis; a failure is noted, and a job timed by
      // the old rules finds nothing due when it wakes meanwhile (the worker derives its checks
      // under the rules in force at every run).
      void this.retime(start).catch((error: unknown) =>
        this.log.noteError(`re-timing the pending checks after the start failed: ${errorMessage(error)}`),
      );
    }
  }

  async retime(change: RulesChange): Promise<RetimeReport> {
    const at = this.deps.clock.now().toISOString();
    try {
      const report = await retimePendingChecks(this.deps);
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
