import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { VerifyRemediation } from '../issue-commands';
import type { RemediationRejected, RemediationVerified } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { businessTime, itemOf, optional, required } from './guards';

/** Verification of a completed item: accepted, or rejected and so back to do. */
export function verifyRemediation(
  command: VerifyRemediation,
  issue: ExistingIssue,
): Array<RemediationVerified | RemediationRejected> {
  const d = command.data;
  const remediationId = required('remediationId', d.remediationId);
  const item = itemOf(issue, remediationId);
  if (item.status !== 'completed') {
    throw new StateConflictError(
      item.status === 'verified'
        ? `remediation item ${remediationId} is already verified`
        : `remediation item ${remediationId} is ${item.status}; it must be reported completed before it can be verified`,
    );
  }
  const data = {
    issueId: issue.issueId,
    remediationId,
    verifiedBy: required('verifiedBy', d.verifiedBy),
    comment: optional(d.comment),
    occurredAt: businessTime(command.metadata),
  };
  return [d.accepted ? { type: 'RemediationVerified', data } : { type: 'RemediationRejected', data }];
}
