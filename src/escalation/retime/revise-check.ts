import type { EventStore } from '../../event-store/event-store';
import { readIssueStream } from '../../issues/issue-stream';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { recordDeadline } from '../checks/deadline-records';
import { checkJobId, type EscalationCheck } from '../checks/escalation-check';
import { checksFor } from '../checks/pending-checks';
import type { EscalationPolicy } from '../policy/escalation-policy';

/**
 * The worker's last look before it acts on a check: a check timed by the versions in force is
 * acted on as queued (no read); one timed by other versions (queued before a reload, and not
 * re-timed because that engine stopped first) is derived again from the issue's stream under
 * the rules in force: the same check with its new time, or null when those rules no longer ask
 * for it. So no check fires by rules that are no longer in force, early or late.
 */
export function reviseCheck(
  eventStore: EventStore,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
): (check: EscalationCheck) => Promise<EscalationCheck | null> {
  return async (check) => {
    if (
      (check.policyVersion ?? null) === (policy.version ?? null) &&
      (check.calendarVersion ?? null) === (calendar.version ?? null)
    )
      return check;
    const { events, state } = await readIssueStream(eventStore, check.issueId);
    // Nothing to derive from: the decider refuses or ignores it as it stands.
    if (state.status === 'none') return check;
    const { checks } = checksFor(state, policy, calendar, events.reduce(recordDeadline, {}));
    const id = checkJobId(check);
    return checks.find((c) => c.kind === check.kind && checkJobId(c) === id) ?? null;
  };
}
