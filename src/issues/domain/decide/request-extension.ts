import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { RequestExtension } from '../issue-commands';
import type { ExtensionRequested } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import type { DecisionContext } from './decision-context';
import {
  assertLaterDueTime,
  assertWithinRule,
  extendableItem,
  extensionRuleOf,
  pendingRequestIdOf,
} from './extension-checks';
import { businessTime, required } from './guards';

/**
 * Asks for more time on an item. Refused at once what the rule would refuse on approval (over
 * the cap, too long), so nobody waits for a decision that cannot come; one request waits per
 * item at a time. Who may ask is the access policy's business; the requester is the sender.
 */
export function requestExtension(
  command: RequestExtension,
  issue: ExistingIssue,
  context: DecisionContext = {},
): ExtensionRequested[] {
  const d = command.data;
  const requestId = required('requestId', d.requestId);
  const item = extendableItem(issue, d.remediationId);
  const reason = required('reason', d.reason);
  const requestedBy = required('by', d.by.name);
  assertLaterDueTime(d.newDueAt, item, command.metadata.now);
  const waiting = pendingRequestIdOf(item);
  if (waiting !== null) {
    throw new StateConflictError(
      `extension request ${waiting} on remediation item ${d.remediationId} is still pending; ` +
        'it is approved or refused before another is made',
    );
  }
  if (item.requests[requestId]) {
    throw new StateConflictError(`extension request ${requestId} already exists`);
  }
  const rule = extensionRuleOf(context, issue);
  if (rule) assertWithinRule(context, rule, item, d.newDueAt);
  return [
    {
      type: 'ExtensionRequested',
      data: {
        issueId: issue.issueId,
        remediationId: d.remediationId,
        requestId,
        currentDueAt: item.dueAt,
        newDueAt: d.newDueAt.toISOString(),
        reason,
        requestedBy,
        requestedByActor: d.by.actor,
        requestedByRole: d.by.role,
        rule: rule?.entry ?? null,
        occurredAt: businessTime(command.metadata),
      },
    },
  ];
}
