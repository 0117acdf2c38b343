import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { ReopenIssue } from '../issue-commands';
import type { IssueReopened } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { businessTime, required } from './guards';

/** The one command a closed issue takes; an open issue cannot be reopened. */
export function reopenIssue(command: ReopenIssue, issue: ExistingIssue): IssueReopened[] {
  if (issue.status !== 'closed') {
    throw new StateConflictError(
      `issue ${issue.issueId} is ${issue.status}, not closed; only a closed issue can be reopened`,
    );
  }
  const data = {
    issueId: issue.issueId,
    by: required('by', command.data.by),
    reason: required('reason', command.data.reason),
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'IssueReopened', data }];
}
