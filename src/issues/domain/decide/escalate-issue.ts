import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { EscalateIssue } from '../issue-commands';
import type { IssueEscalated } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { TOP_ESCALATION_LEVEL, type EscalationLevel } from '../vocabulary';
import { recipientOf, type DecisionContext } from './decision-context';
import { businessTime, required } from './guards';

/** Escalation by hand: the next level up the ladder, refused at the top. */
export function escalateIssue(
  command: EscalateIssue,
  issue: ExistingIssue,
  context: DecisionContext,
): IssueEscalated[] {
  if (issue.escalationLevel >= TOP_ESCALATION_LEVEL) {
    throw new StateConflictError(
      `issue ${issue.issueId} is already at the top of the ladder (level 3, bureau leadership)`,
    );
  }
  const level = (issue.escalationLevel + 1) as EscalationLevel;
  const by = required('by', command.data.by);
  const reason = required('reason', command.data.reason);
  const data = {
    issueId: issue.issueId,
    level,
    trigger: 'manual' as const,
    reason,
    by,
    remediationId: null,
    dueAt: null,
    escalatedTo: recipientOf(context, issue.district, level),
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'IssueEscalated', data }];
}
