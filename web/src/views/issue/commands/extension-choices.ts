import type { ExtensionRequestEntry, IssueView, Principal, RemediationView } from '../../../api/types';

/** The request an item waits on (the engine keeps at most one pending per item). */
export const pendingRequestOf = (item: RemediationView): ExtensionRequestEntry | null =>
  (item.pendingExtensionRequests ??
    (item.extensionRequests ?? []).filter((r) => r.status === 'pending'))[0] ?? null;

/** How many extensions the item had, and the rule's cap (null: the policy states none). */
export const extensionTally = (issue: IssueView, item: RemediationView) => ({
  count: item.extensionCount ?? item.extensions.length,
  cap: item.maxExtensions ?? issue.extensionRule?.maxExtensions ?? null,
});

/**
 * Which extension commands the page offers this user on an item, by the policy's rule in the
 * issue view: extend alone where the user's role approves and the rule lets a requester approve
 * alone; otherwise ask; decide a pending request as an approver, and approve it only if it is not
 * one's own where the rule forbids that, and the cap still has room. The engine decides each
 * request again; this only keeps the page from offering what it would refuse.
 */
export function extensionChoices(issue: IssueView, item: RemediationView, user: Principal) {
  const rule = issue.extensionRule ?? null;
  const pending = pendingRequestOf(item);
  const { count, cap } = extensionTally(issue, item);
  const room = cap === null || count < cap;
  const approver = rule === null || rule.approvers.includes(user.role);
  const alone = room && pending === null && approver && (rule === null || rule.requesterMayApprove);
  const ownRequest = pending !== null && pending.requestedByActor === user.username;
  return {
    alone,
    request: room && pending === null && !alone,
    approve: pending !== null && room && approver && !(rule && !rule.requesterMayApprove && ownRequest),
    refuse: pending !== null && approver,
  };
}
