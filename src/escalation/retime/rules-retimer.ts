import type { OnApplicationBootstrap } from '@nestjs/common';
import { errorMessage, type EscalationLog } from '../escalation-log';
import type { RulesChange, RulesInForce } from '../rules/rules-in-force';
import { retimePendingChecks, type RetimeDeps, type RetimeReport } from './retime-pending-checks';

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
      // Not awaited: the start must not wait for Redis; a failure is noted and the worker's
      // revision of each check keeps anything from firing by the old rules meanwhile.
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
        `re-timed ${report.issues} pending issue(s) under policy ${change.policy.version}, calendar ${change.calendar.version}: ${report.moved} check(s) moved, ${report.added} added, ${report.fired} already fired`,
      );
      return report;
    } catch (error) {
      this.last = {
        ...{ issues: 0, checks: 0, added: 0, moved: 0, restamped: 0, fired: 0, uncomputable: [] },
        at,
        error: errorMessage(error),
      };
      throw error;
    }
  }
}
