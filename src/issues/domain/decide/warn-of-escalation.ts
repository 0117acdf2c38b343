import { NotYetDueError } from '../../../shared-kernel/domain-errors';
import { warningKey } from '../deadlines';
import type { WarnOfEscalation } from '../issue-commands';
import type { EscalationWarningIssued } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { businessTime, stillPending } from './guards';

/**
 * The yellow light, once per deadline and only before the breach: after the due time the
 * escalation itself speaks, and a late warning would only be noise.
 */
export function warnOfEscalation(command: WarnOfEscalation, issue: ExistingIssue): EscalationWarningIssued[] {
  const d = command.data;
  if (!stillPending(issue, d)) return [];
  if (issue.warned.includes(warningKey(d.remediationId, d.dueAt.toISOString()))) return [];
  if (issue.escalationLevel >= d.nextLevel) return [];
  const now = command.metadata.now;
  if (now.getTime() >= d.dueAt.getTime()) return [];
  if (now.getTime() < d.warnAt.getTime())
    throw new NotYetDueError(`the warning for issue ${issue.issueId}`, d.warnAt, now);
  return [
    {
      type: 'EscalationWarningIssued',
      data: {
        issueId: issue.issueId,
        remediationId: d.remediationId,
        trigger: d.trigger,
        dueAt: d.dueAt.toISOString(),
        nextLevel: d.nextLevel,
        escalatesAt: d.escalatesAt.toISOString(),
        share: d.share,
        // Recorded when the saga says which versions timed it (every check it queues does).
        ...(d.policyVersion !== undefined && { policyVersion: d.policyVersion }),
        ...(d.calendarVersion !== undefined && { calendarVersion: d.calendarVersion }),
        occurredAt: businessTime(command.metadata),
      },
    },
  ];
}
