import { InvalidCommandError, NotFoundError, StateConflictError } from '../../../shared-kernel/domain-errors';
import { isOutstanding } from '../deadlines';
import type { CommandMetadata } from '../issue-commands';
import type { ExistingIssue, IssueState, RemediationState } from '../issue-state';
import { assertNotBefore } from '../time-rules';

/**
 * The checks several commands share, in one place: which issue and item a command addresses,
 * whether the issue takes work, and the blank-field rule of every recorded name and text.
 */

/** The issue a command addresses; `issueId` only names it when it does not exist. */
export function existingIssue(state: IssueState, issueId: string | undefined): ExistingIssue {
  if (state.status === 'none') throw new NotFoundError(`issue ${issueId ?? '(unknown id)'} does not exist`);
  return state;
}

/** A command on an existing issue may not claim to predate its report. */
export function onRecord(issue: ExistingIssue, metadata: CommandMetadata): ExistingIssue {
  assertNotBefore('occurredAt', metadata.occurredAt, issue.reportedAt);
  return issue;
}

/** Work on an issue (meetings, items, escalation, closure): never on a closed one. */
export function openIssue(issue: ExistingIssue, metadata: CommandMetadata): ExistingIssue {
  if (issue.status === 'closed') {
    throw new StateConflictError(`issue ${issue.issueId} is closed; only reopening is allowed`);
  }
  return onRecord(issue, metadata);
}

export function itemOf(issue: ExistingIssue, remediationId: string): RemediationState {
  const item = issue.remediations[remediationId];
  if (!item)
    throw new NotFoundError(`remediation item ${remediationId} does not exist on issue ${issue.issueId}`);
  return item;
}

/** Whether the deadline a check measures is still open: not met, not moved, not closed. */
export function stillPending(
  issue: ExistingIssue,
  d: { trigger: string; remediationId: string | null; dueAt: Date },
): boolean {
  if (issue.status === 'closed') return false;
  if (d.trigger === 'no-response') return issue.firstResponseAt === null;
  if (d.remediationId === null) return false;
  const item = issue.remediations[d.remediationId];
  if (!item || !isOutstanding(item.status)) return false;
  return Date.parse(item.dueAt) === d.dueAt.getTime();
}

/** The business time the events record: the command's `occurredAt`. */
export const businessTime = (metadata: CommandMetadata): string => metadata.occurredAt.toISOString();

/** DTOs check these first; the domain checks again so no path can record a blank fact. */
export function required(field: string, value: string | null | undefined): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed.length === 0) throw new InvalidCommandError(field, 'must not be blank');
  return trimmed;
}

export function optional(value: string | null | undefined): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed.length > 0 ? trimmed : null;
}
