import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { CompleteRemediation } from '../issue-commands';
import type { RemediationCompleted } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { businessTime, itemOf, optional, required } from './guards';

/** The responsible unit reports an item done; it then awaits verification. */
export function completeRemediation(
  command: CompleteRemediation,
  issue: ExistingIssue,
): RemediationCompleted[] {
  const d = command.data;
  const remediationId = required('remediationId', d.remediationId);
  const item = itemOf(issue, remediationId);
  if (item.status === 'completed') {
    throw new StateConflictError(
      `remediation item ${remediationId} is already completed and awaits verification; verify or reject it instead`,
    );
  }
  if (item.status === 'verified') {
    throw new StateConflictError(
      `remediation item ${remediationId} is verified; a verified item cannot be completed again`,
    );
  }
  const data = {
    issueId: issue.issueId,
    remediationId,
    reportedBy: required('reportedBy', d.reportedBy),
    evidence: optional(d.evidence),
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'RemediationCompleted', data }];
}
