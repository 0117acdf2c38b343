import type { ExtensionRule } from '../../../escalation/policy/escalation-policy';
import {
  ForbiddenByRuleError,
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../../shared-kernel/domain-errors';
import type { Sender } from '../issue-commands';
import type { ExistingIssue, ExtensionRequestState, RemediationState } from '../issue-state';
import { assertDueTime } from '../time-rules';
import type { DecisionContext } from './decision-context';
import { itemOf, required } from './guards';

/**
 * The checks the extension commands share (extend alone, request, approve, refuse): which rule
 * applies, who may approve under it, and whether it allows one more extension this long.
 */

/** The rule of the issue's category × severity; null when the policy states none. */
export const extensionRuleOf = (context: DecisionContext, issue: ExistingIssue): ExtensionRule | null =>
  context.extensions?.ruleFor(issue.category, issue.severity) ?? null;

/** The item whose due time would move: it exists and is not verified. */
export function extendableItem(issue: ExistingIssue, remediationId: string): RemediationState {
  const item = itemOf(issue, required('remediationId', remediationId));
  if (item.status === 'verified') {
    throw new StateConflictError(
      `remediation item ${remediationId} is verified; its deadline can no longer change`,
    );
  }
  return item;
}

/** A new due time is later than the item's current one and within the plausible horizon. */
export function assertLaterDueTime(newDueAt: Date, item: RemediationState, now: Date): void {
  if (!(newDueAt.getTime() > Date.parse(item.dueAt))) {
    throw new InvalidCommandError('newDueAt', `must be later than the current due time ${item.dueAt}`);
  }
  assertDueTime('newDueAt', newDueAt, new Date(item.dueAt), now);
}

/** The sender's role is one the rule lets approve (403 naming the rule otherwise). */
export function assertApprover(rule: ExtensionRule, by: Sender, doing: string): void {
  if (!(rule.approvers as readonly string[]).includes(by.role)) {
    throw new ForbiddenByRuleError(
      `the policy rule ${rule.entry} lets ${rule.approvers.join(', ')} approve extensions; ` +
        `role ${by.role} may not ${doing}${rule.basis ? ` (${rule.basis})` : ''}`,
    );
  }
}

/** The rule allows one more extension, to `newDueAt` (409 naming the rule otherwise). */
export function assertWithinRule(
  context: DecisionContext,
  rule: ExtensionRule,
  item: RemediationState,
  newDueAt: Date,
): void {
  const why = context.extensions?.refusal(rule, {
    extensionsSoFar: item.extensions,
    currentDueAt: new Date(item.dueAt),
    newDueAt,
  });
  if (why) throw new StateConflictError(why);
}

/** The request a decision names: on this item, and still waiting for one. */
export function pendingRequest(
  item: RemediationState,
  remediationId: string,
  requestId: string,
): ExtensionRequestState {
  const request = item.requests[required('requestId', requestId)];
  if (!request) {
    throw new NotFoundError(
      `extension request ${requestId} does not exist on remediation item ${remediationId}`,
    );
  }
  if (request.status !== 'pending') {
    throw new StateConflictError(`extension request ${requestId} was already ${request.status}`);
  }
  return request;
}

/** The request still waiting on an item, if any: one at a time, so decisions stay in order. */
export const pendingRequestIdOf = (item: RemediationState): string | null =>
  Object.entries(item.requests).find(([, r]) => r.status === 'pending')?.[0] ?? null;
