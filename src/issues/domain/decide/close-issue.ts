import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { CloseIssue } from '../issue-commands';
import type { IssueClosed } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { businessTime, required } from './guards';

/** Closure (销号) once every item is verified, or forced with the reason in the resolution. */
export function closeIssue(command: CloseIssue, issue: ExistingIssue): IssueClosed[] {
  const d = command.data;
  const closedBy = required('closedBy', d.closedBy);
  const resolution = required('resolution', d.resolution);
  const unverified = Object.entries(issue.remediations)
    .filter(([, r]) => r.status !== 'verified')
    .map(([id]) => id);
  if (unverified.length > 0 && d.force !== true) {
    throw new StateConflictError(
      `issue ${issue.issueId} has unverified remediation items: ${unverified.join(', ')}; ` +
        'verify them first, or send force: true with the reason in resolution to close anyway',
    );
  }
  const data = {
    issueId: issue.issueId,
    closedBy,
    resolution,
    forced: unverified.length > 0,
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'IssueClosed', data }];
}
