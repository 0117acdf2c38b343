import { NotYetDueError } from '../../../shared-kernel/domain-errors';
import type { EscalateAutomatically } from '../issue-commands';
import type { IssueEscalated } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { notBefore, recipientOf, type DecisionContext } from './decision-context';
import { businessTime, stillPending } from './guards';

/**
 * Exactly once per level, and only while the cause still holds: a check that finds the item
 * done, its deadline moved, the first response given or the issue closed decides nothing. Not
 * while the issue is suspended, nor before the time a suspension moved the level to.
 */
export function escalateAutomatically(
  command: EscalateAutomatically,
  issue: ExistingIssue,
  context: DecisionContext,
): IssueEscalated[] {
  const d = command.data;
  if (!stillPending(issue, d)) return [];
  if (issue.escalationLevel >= d.level) return [];
  const now = command.metadata.now;
  const wait = notBefore(context, issue, { kind: 'escalate', ...d }, d.firesAt, now);
  if (wait) throw new NotYetDueError(`level ${d.level} of issue ${issue.issueId}${wait.why}`, wait.at, now);
  return [
    {
      type: 'IssueEscalated',
      data: {
        issueId: issue.issueId,
        level: d.level,
        trigger: d.trigger,
        reason: d.trigger,
        by: 'system:escalation',
        remediationId: d.remediationId,
        dueAt: d.dueAt.toISOString(),
        escalatedTo: recipientOf(context, issue.district, d.level),
        // Recorded when the saga says which versions timed it (every check it queues does).
        ...(d.policyVersion !== undefined && { policyVersion: d.policyVersion }),
        ...(d.calendarVersion !== undefined && { calendarVersion: d.calendarVersion }),
        occurredAt: businessTime(command.metadata),
      },
    },
  ];
}
