import { ForbiddenByRuleError, StateConflictError } from '../../../shared-kernel/domain-errors';
import type { ApproveExtension, RefuseExtension } from '../issue-commands';
import type { DeadlineExtended, ExtensionApproved, ExtensionRefused } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import type { DecisionContext } from './decision-context';
import {
  assertApprover,
  assertLaterDueTime,
  assertWithinRule,
  extendableItem,
  extensionRuleOf,
  pendingRequest,
} from './extension-checks';
import { businessTime, itemOf, optional, required } from './guards';

/**
 * Grants a pending request: an approver under the rule, not the requester where the rule says
 * the requester may not approve alone, and the rule measured again as the item stands now (an
 * extension granted meanwhile counts). The due time moves by the `DeadlineExtended` that
 * follows, so escalation re-times the item exactly as for an extension made alone.
 */
export function approveExtension(
  command: ApproveExtension,
  issue: ExistingIssue,
  context: DecisionContext = {},
): [ExtensionApproved, DeadlineExtended] {
  const d = command.data;
  const item = itemOf(issue, required('remediationId', d.remediationId));
  const request = pendingRequest(item, d.remediationId, d.requestId);
  extendableItem(issue, d.remediationId);
  const approvedBy = required('by', d.by.name);
  const newDueAt = new Date(request.newDueAt);
  const rule = extensionRuleOf(context, issue);
  if (rule) {
    assertApprover(rule, d.by, 'approve an extension under it');
    if (!rule.requesterMayApprove && d.by.actor === request.requestedByActor) {
      throw new ForbiddenByRuleError(
        `the policy rule ${rule.entry} lets no requester approve their own extension: ` +
          `another of ${rule.approvers.join(', ')} decides request ${d.requestId}${rule.basis ? ` (${rule.basis})` : ''}`,
      );
    }
  }
  if (!(newDueAt.getTime() > Date.parse(item.dueAt))) {
    throw new StateConflictError(
      `extension request ${d.requestId} asks for ${request.newDueAt}, no later than the item's due time ` +
        `${item.dueAt} now; refuse it and ask again`,
    );
  }
  assertLaterDueTime(newDueAt, item, command.metadata.now);
  if (rule) assertWithinRule(context, rule, item, newDueAt);
  const occurredAt = businessTime(command.metadata);
  return [
    {
      type: 'ExtensionApproved',
      data: {
        issueId: issue.issueId,
        remediationId: d.remediationId,
        requestId: d.requestId,
        approvedBy,
        approvedByActor: d.by.actor,
        approvedByRole: d.by.role,
        comment: optional(d.comment),
        occurredAt,
      },
    },
    {
      type: 'DeadlineExtended',
      data: {
        issueId: issue.issueId,
        remediationId: d.remediationId,
        previousDueAt: item.dueAt,
        newDueAt: request.newDueAt,
        reason: request.reason,
        approvedBy,
        occurredAt,
      },
    },
  ];
}

/**
 * Turns a pending request down, with a reason; by a role that could have approved it. Allowed
 * on a verified item too, so a request the work overtook does not wait for ever.
 */
export function refuseExtension(
  command: RefuseExtension,
  issue: ExistingIssue,
  context: DecisionContext = {},
): ExtensionRefused[] {
  const d = command.data;
  const item = itemOf(issue, required('remediationId', d.remediationId));
  pendingRequest(item, d.remediationId, d.requestId);
  const reason = required('reason', d.reason);
  const refusedBy = required('by', d.by.name);
  const rule = extensionRuleOf(context, issue);
  if (rule) assertApprover(rule, d.by, 'refuse an extension under it');
  return [
    {
      type: 'ExtensionRefused',
      data: {
        issueId: issue.issueId,
        remediationId: d.remediationId,
        requestId: d.requestId,
        refusedBy,
        refusedByActor: d.by.actor,
        refusedByRole: d.by.role,
        reason,
        occurredAt: businessTime(command.metadata),
      },
    },
  ];
}
