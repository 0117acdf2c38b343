import { DISTRICTS, type District } from '../src/issues/domain/vocabulary';
import type { HttpClient } from './http-client';

/**
 * The workload: issues of the six districts, reported in one past quarter (Asia/Shanghai) and
 * taken through remediation to closure with their real business times (occurredAt), so the
 * performance and audit read models fill as they would with historical data.
 */
export const LOAD_QUARTER = '2024-Q4';
const QUARTER_START_MS = Date.parse('2024-10-01T00:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CHINESE: Record<District, string> = {
  siming: '思明',
  huli: '湖里',
  jimei: '集美',
  haicang: '海沧',
  tongan: '同安',
  xiangan: '翔安',
};
export const districtOf = (i: number): District => DISTRICTS[i % DISTRICTS.length];
export const workGroup = (d: District): string => `驻${CHINESE[d]}区工作组`;
export const districtBureau = (d: District): string => `${CHINESE[d]}区建设局`;
const iso = (ms: number): string => new Date(ms).toISOString();

const report = (i: number, district: District, at: number) => ({
  title: `${CHINESE[district]}区第${i + 1}号工地共用道路破损`,
  description: '多个工地共用道路破损，晴天扬尘雨天泥泞',
  category: i % 3 === 0 ? 'safety-emergency' : 'on-site-rectification',
  severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
  district,
  site: `${CHINESE[district]}片区${(i % 40) + 1}号地块`,
  source: (['inspection', 'petition', 'referral', 'self-report'] as const)[i % 4],
  reportedBy: workGroup(district),
  occurredAt: iso(at),
});

/** Commands one lifecycle sends; the HTTP benchmark counts these. */
export const COMMANDS_PER_ISSUE = 5;

/**
 * Reports issue `i`, assigns one remediation item, completes it (one in four late), verifies
 * it and closes the issue: five commands in order, each latency handed to `record`.
 */
export async function runLifecycle(
  client: HttpClient,
  i: number,
  record: (ms: number) => void,
): Promise<number> {
  const district = districtOf(i);
  const reportedAt = QUARTER_START_MS + 9 * HOUR + (i % 80) * DAY + ((i * 7) % 480) * 60_000;
  const reported = await client.post<{ issueId: string }>('/issues', report(i, district, reportedAt));
  record(reported.ms);
  const id = reported.body.issueId;
  const assignedAt = reportedAt + 2 * HOUR;
  const assigned = await client.post<{ remediationId: string }>(`/issues/${id}/remediations`, {
    responsibleUnit: `${CHINESE[district]}区第${(i % 20) + 1}项目部`,
    action: '修复责任段道路并完善排水',
    dueAt: iso(assignedAt + 3 * DAY),
    assignedBy: districtBureau(district),
    occurredAt: iso(assignedAt),
  });
  record(assigned.ms);
  const rid = assigned.body.remediationId;
  const completedAt = assignedAt + (i % 4 === 3 ? 5 : 2) * DAY;
  const completed = await client.post(`/issues/${id}/remediations/${rid}/completion`, {
    reportedBy: `${CHINESE[district]}区第${(i % 20) + 1}项目部`,
    evidence: '修复前后照片',
    occurredAt: iso(completedAt),
  });
  record(completed.ms);
  const verified = await client.post(`/issues/${id}/remediations/${rid}/verification`, {
    verifiedBy: districtBureau(district),
    accepted: true,
    comment: '现场复核合格',
    occurredAt: iso(completedAt + HOUR),
  });
  record(verified.ms);
  const closed = await client.post<{ position: number }>(`/issues/${id}/closure`, {
    closedBy: workGroup(district),
    resolution: '道路修复完成，销号',
    occurredAt: iso(completedAt + 90 * 60_000),
  });
  record(closed.ms);
  return closed.body.position;
}

/**
 * An open issue whose only remediation item was due days ago: what GET /issues?overdue=true
 * finds. Times are relative to `nowMs` so the item is overdue whenever the query runs.
 */
export async function seedOverdueIssue(client: HttpClient, i: number, nowMs: number): Promise<number> {
  const district = districtOf(i);
  const reportedAt = nowMs - 20 * DAY + i * 1000;
  const reported = await client.post<{ issueId: string }>('/issues', report(i, district, reportedAt));
  const assigned = await client.post<{ position: number }>(`/issues/${reported.body.issueId}/remediations`, {
    responsibleUnit: `${CHINESE[district]}区第${(i % 20) + 1}项目部`,
    action: '清理工地周边积水并设置围挡',
    dueAt: iso(reportedAt + 10 * DAY),
    assignedBy: districtBureau(district),
    occurredAt: iso(reportedAt + HOUR),
  });
  return assigned.body.position;
}

/**
 * The body of the throughput benchmarks' `POST /issues` number `i` (from 0): a safety emergency
 * in Huli with its own title, what the command benchmarks send again and again.
 */
export const huliReport = (i: number) => ({
  title: `湖里区第${i + 1}号工地围挡缺失`,
  category: 'safety-emergency',
  severity: 'medium',
  district: 'huli',
  source: 'inspection',
  reportedBy: '驻湖里区工作组',
});
