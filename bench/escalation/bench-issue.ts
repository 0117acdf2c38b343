import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../src/event-store/event-store';
import {
  issueStreamId,
  schemaVersionOf,
  type IssueEvent,
  type IssueReported,
  type RemediationAssigned,
} from '../../src/issues/domain/issue-events';
import { CATEGORIES, SEVERITIES } from '../../src/issues/domain/vocabulary';
import { districtBureau, districtOf, workGroup } from '../scenario';

/** What the benchmark needs to know about an issue it wrote. */
export interface BenchIssue {
  issueId: string;
  category: IssueReported['data']['category'];
  severity: IssueReported['data']['severity'];
  dueAt: Date;
}

const asNewEvent = (event: IssueEvent, actor: string): NewEvent => ({
  id: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: {
    correlationId: randomUUID(),
    causationId: null,
    actor,
    occurredAt: event.data.occurredAt,
    schemaVersion: schemaVersionOf(event.type),
  },
});

/**
 * Writes issue `i` straight to the event store, as the command handler would: IssueReported
 * and one RemediationAssigned due at `dueAt`, in one append to a new stream. The assignment is
 * the first response, so the issue's only deadline is the item's: one escalation check, plus a
 * warning where the policy has a warningShare. Categories and severities rotate so every rule
 * of the policy is looked up.
 */
export async function appendIssue(store: EventStore, i: number, now: Date, dueAt: Date): Promise<BenchIssue> {
  const { issue, reported, assigned } = issueEvents(i, now, dueAt);
  await store.appendToStream(
    issueStreamId(issue.issueId),
    [asNewEvent(reported, reported.data.reportedBy), asNewEvent(assigned, assigned.data.assignedBy)],
    { expectedRevision: 'no-stream' },
  );
  return issue;
}

/** The two events of bench issue `i` (see `appendIssue`), for a caller that stores them itself. */
export function issueEvents(
  i: number,
  now: Date,
  dueAt: Date,
): { issue: BenchIssue; reported: IssueReported; assigned: RemediationAssigned } {
  const issueId = randomUUID();
  const district = districtOf(i);
  const category = CATEGORIES[i % CATEGORIES.length];
  const severity = SEVERITIES[(i >> 2) % SEVERITIES.length];
  const occurredAt = now.toISOString();
  const reported: IssueReported = {
    type: 'IssueReported',
    data: {
      issueId,
      title: `基准测试第${i + 1}号工地共用道路破损`,
      description: '多个工地共用道路破损，晴天扬尘雨天泥泞',
      category,
      severity,
      district,
      site: `片区${(i % 40) + 1}号地块`,
      source: 'inspection',
      reportedBy: workGroup(district),
      occurredAt,
    },
  };
  const assigned: RemediationAssigned = {
    type: 'RemediationAssigned',
    data: {
      issueId,
      remediationId: randomUUID(),
      responsibleUnit: `第${(i % 20) + 1}项目部`,
      action: '修复责任段道路并完善排水',
      dueAt: dueAt.toISOString(),
      assignedBy: districtBureau(district),
      occurredAt,
    },
  };
  return { issue: { issueId, category, severity, dueAt }, reported, assigned };
}
