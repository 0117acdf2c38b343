import { InvalidCommandError, StateConflictError } from '../../../shared-kernel/domain-errors';
import type { ExtendDeadline } from '../issue-commands';
import type { DeadlineExtended } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { assertDueTime } from '../time-rules';
import { businessTime, itemOf, required } from './guards';

/** An approved, reasoned move of an item's due time, later and never on a verified item. */
export function extendDeadline(command: ExtendDeadline, issue: ExistingIssue): DeadlineExtended[] {
  const d = command.data;
  const remediationId = required('remediationId', d.remediationId);
  const item = itemOf(issue, remediationId);
  if (item.status === 'verified') {
    throw new StateConflictError(
      `remediation item ${remediationId} is verified; its deadline can no longer change`,
    );
  }
  const reason = required('reason', d.reason);
  const approvedBy = required('approvedBy', d.approvedBy);
  if (!(d.newDueAt.getTime() > Date.parse(item.dueAt))) {
    throw new InvalidCommandError('newDueAt', `must be later than the current due time ${item.dueAt}`);
  }
  assertDueTime('newDueAt', d.newDueAt, new Date(item.dueAt), command.metadata.now);
  const data = {
    issueId: issue.issueId,
    remediationId,
    previousDueAt: item.dueAt,
    newDueAt: d.newDueAt.toISOString(),
    reason,
    approvedBy,
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'DeadlineExtended', data }];
}
