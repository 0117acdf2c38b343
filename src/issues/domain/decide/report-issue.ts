import { StateConflictError } from '../../../shared-kernel/domain-errors';
import type { ReportIssue } from '../issue-commands';
import type { IssueReported } from '../issue-events';
import type { IssueState } from '../issue-state';
import { businessTime, optional, required } from './guards';

/** A new issue, once: its id comes from the caller (derived from the Idempotency-Key when sent). */
export function reportIssue(command: ReportIssue, state: IssueState): IssueReported[] {
  const d = command.data;
  if (state.status !== 'none') {
    throw new StateConflictError(`issue ${d.issueId} already exists; report a new issue with a new id`);
  }
  return [
    {
      type: 'IssueReported',
      data: {
        issueId: required('issueId', d.issueId),
        title: required('title', d.title),
        description: optional(d.description),
        category: d.category,
        severity: d.severity,
        district: d.district,
        site: optional(d.site),
        source: d.source,
        reportedBy: required('reportedBy', d.reportedBy),
        occurredAt: businessTime(command.metadata),
      },
    },
  ];
}
