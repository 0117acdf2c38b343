import type { AutomaticDecisions } from '../../issues/commands/automatic-decisions';
import type { AutomaticCheckRef, AutomaticCheckTiming } from '../../issues/domain/decide/decision-context';
import type { ExistingIssue } from '../../issues/domain/issue-state';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationPolicy } from '../policy/escalation-policy';
import { checkIdempotencyKey } from './escalation-check';
import { checksFor } from './pending-checks';
import { periodAt } from './suspended-time';
import type { SuspensionsForChecks } from './suspensions-for-checks';

/**
 * The decision context of an automatic check, from the suspensions as of the head of the log
 * and the very function that schedules the checks: a check queued before a suspension (or
 * before its re-timing) is refused until the time it has now, whatever its job says.
 */
export function automaticDecisions(
  policy: () => EscalationPolicy,
  calendar: WorkingCalendar,
  suspensions: SuspensionsForChecks,
): AutomaticDecisions {
  return {
    async forAutomaticCheck() {
      await suspensions.refresh();
      return {
        suspensionAt(issue: ExistingIssue, at: Date) {
          const period = periodAt(suspensions.periodsFor(issue), at);
          return period && { suspensionId: period.suspensionId, endsAt: new Date(period.endsAt) };
        },
        automaticTiming(issue: ExistingIssue, ref: AutomaticCheckRef): AutomaticCheckTiming | null {
          const id = checkIdempotencyKey({ ...ref, issueId: issue.issueId, dueAt: ref.dueAt.toISOString() });
          const { checks } = checksFor(issue, policy(), calendar, undefined, suspensions.periodsFor(issue));
          const check = checks.find((c) => checkIdempotencyKey(c) === id);
          return check
            ? { at: new Date(check.runAt), breachAt: new Date(check.suspendedDueAt ?? check.dueAt) }
            : null;
        },
      };
    },
  };
}
