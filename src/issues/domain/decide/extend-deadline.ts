import { ForbiddenByRuleError } from '../../../shared-kernel/domain-errors';
import type { ExtendDeadline } from '../issue-commands';
import type { DeadlineExtended } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import type { DecisionContext } from './decision-context';
import {
  assertApprover,
  assertLaterDueTime,
  assertWithinRule,
  extendableItem,
  extensionRuleOf,
} from './extension-checks';
import { businessTime, required } from './guards';

/**
 * A reasoned move of an item's due time, later and never on a verified item, by an approver
 * acting alone: under the policy's rule for the issue's category × severity, the sender's role
 * must approve, the rule must let a requester approve alone, and the extension must fit its cap
 * and longest length. The approver recorded is the sender (the signed-in principal).
 */
export function extendDeadline(
  command: ExtendDeadline,
  issue: ExistingIssue,
  context: DecisionContext = {},
): DeadlineExtended[] {
  const d = command.data;
  const item = extendableItem(issue, d.remediationId);
  const reason = required('reason', d.reason);
  const approvedBy = required('by', d.by.name);
  assertLaterDueTime(d.newDueAt, item, command.metadata.now);
  const rule = extensionRuleOf(context, issue);
  if (rule) {
    assertApprover(rule, d.by, 'extend deadlines under it');
    if (!rule.requesterMayApprove) {
      throw new ForbiddenByRuleError(
        `the policy rule ${rule.entry} lets nobody extend alone: request the extension ` +
          `(POST /issues/${issue.issueId}/remediations/${d.remediationId}/extension-requests) ` +
          `and another approver decides it${rule.basis ? ` (${rule.basis})` : ''}`,
      );
    }
    assertWithinRule(context, rule, item, d.newDueAt);
  }
  const data = {
    issueId: issue.issueId,
    remediationId: d.remediationId,
    previousDueAt: item.dueAt,
    newDueAt: d.newDueAt.toISOString(),
    reason,
    approvedBy,
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'DeadlineExtended', data }];
}
