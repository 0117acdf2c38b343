import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { AssignRemediation } from '../issue-commands';
import type { RemediationAssigned } from '../issue-events';
import type { ExistingIssue } from '../issue-state';
import { assertDueTime } from '../time-rules';
import { businessTime, required } from './guards';

/** A remediation item for a responsible unit, with its due time, once per item id. */
export function assignRemediation(command: AssignRemediation, issue: ExistingIssue): RemediationAssigned[] {
  const d = command.data;
  const remediationId = required('remediationId', d.remediationId);
  if (issue.remediations[remediationId]) {
    throw new StateConflictError(
      `remediation item ${remediationId} already exists on issue ${issue.issueId}; use a new item id`,
    );
  }
  const responsibleUnit = required('responsibleUnit', d.responsibleUnit);
  const action = required('action', d.action);
  const assignedBy = required('assignedBy', d.assignedBy);
  const { now, occurredAt } = command.metadata;
  assertDueTime('dueAt', d.dueAt, occurredAt, now);
  const data = {
    issueId: issue.issueId,
    remediationId,
    responsibleUnit,
    action,
    dueAt: d.dueAt.toISOString(),
    assignedBy,
    occurredAt: businessTime(command.metadata),
  };
  return [{ type: 'RemediationAssigned', data }];
}
