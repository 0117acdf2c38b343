import { NotYetDueError } from '../../../shared-kernel/domain-errors';
import { warningKey } from '../deadlines';
import type { WarnOfEscalation } from '../issue-commands';
import type { EscalationWarningIssued } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { notBefore, type DecisionContext } from './decision-context';
import { businessTime, stillPending } from './guards';

/**
 * The yellow light, once per deadline and only before the breach: after the due time the
 * escalation itself speaks, and a late warning would only be noise. None while the issue is
 * suspended; a suspension moves the warning and the breach with the deadline.
 */
export function warnOfEscalation(
  command: WarnOfEscalation,
  issue: ExistingIssue,
  context: DecisionContext = {},
): EscalationWarningIssued[] {
  const d = command.data;
  if (!stillPending(issue, d)) return [];
  if (issue.warned.includes(warningKey(d.remediationId, d.dueAt.toISOString()))) return [];
  if (issue.escalationLevel >= d.nextLevel) return [];
  const now = command.metadata.now;
  const check = { kind: 'warn' as const, ...d, level: d.nextLevel };
  const breachAt = context.automaticTiming?.(issue, check)?.breachAt ?? d.breachAt ?? d.dueAt;
  if (now.getTime() >= breachAt.getTime()) return [];
  const wait = notBefore(context, issue, check, d.warnAt, now);
  if (wait) throw new NotYetDueError(`the warning for issue ${issue.issueId}${wait.why}`, wait.at, now);
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
