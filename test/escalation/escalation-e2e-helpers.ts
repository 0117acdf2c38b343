import * as path from 'node:path';
import { waitUntil } from '../event-store/fixtures/helpers';
import { aReport, type TestApp } from '../e2e/test-app';

/** The shipped fast policy: level 1 at the due time, level 2 two seconds later, level 3 four. */
export const FAST_POLICY = path.resolve(__dirname, '..', '..', 'config', 'escalation-policy.fast.yaml');

export const secondsFromNow = (seconds: number): string =>
  new Date(Date.now() + seconds * 1000).toISOString();

export interface HistoryItem {
  type: string;
  data: Record<string, any>;
  recordedAt: string;
  occurredAt: string;
  position: number;
  actor: string;
}

export async function history(t: TestApp, issueId: string): Promise<HistoryItem[]> {
  const answer = await t.get(`/issues/${issueId}/history`);
  if (answer.status !== 200)
    throw new Error(`history of ${issueId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as HistoryItem[];
}

export const escalationsIn = (items: HistoryItem[]): HistoryItem[] =>
  items.filter((h) => h.type === 'IssueEscalated');

/** The log position of the last command these helpers sent to each engine, for read-your-writes. */
const lastPosition = new WeakMap<TestApp, number>();

/** Sends a command and remembers its position, so the next view read waits for it. */
export async function command(t: TestApp, route: string, body: unknown): Promise<any> {
  const answer = await t.post(route, body);
  if (answer.status !== 201)
    throw new Error(`POST ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
  lastPosition.set(t, Math.max(lastPosition.get(t) ?? 0, answer.body.position as number));
  return answer.body;
}

/** The issue view once the projections have applied this test's last command. */
export async function issueView(t: TestApp, issueId: string, atLeast = 0): Promise<any> {
  const answer = await t.get(`/issues/${issueId}?minPosition=${Math.max(atLeast, lastPosition.get(t) ?? 0)}`);
  if (answer.status !== 200)
    throw new Error(`view of ${issueId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Reports an issue (on-site rectification in Siming unless overridden) and gives its id. */
export async function reportIssue(t: TestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await command(t, '/issues', aReport(overrides))).issueId as string;
}

/** Assigns an item due at `dueAt` and gives its id. */
export async function assignItem(t: TestApp, issueId: string, dueAt: string): Promise<string> {
  const body = { responsibleUnit: '某建设单位', action: '修复共用道路', dueAt, assignedBy: '驻思明区工作组' };
  return (await command(t, `/issues/${issueId}/remediations`, body)).remediationId as string;
}

/** Waits until the issue's history holds `count` escalations; gives them. */
export async function waitForEscalations(
  t: TestApp,
  issueId: string,
  count: number,
  timeoutMs = 15_000,
): Promise<HistoryItem[]> {
  let found: HistoryItem[] = [];
  await waitUntil(
    async () => (found = escalationsIn(await history(t, issueId))).length >= count,
    `${count} escalations of ${issueId}`,
    timeoutMs,
  );
  return found;
}

/**
 * The ladder of one deadline as the history shows it: levels 1, 2 and 3 once each, measuring
 * that deadline, each going to that level's leadership, and each at the policy's time (the
 * due time, then one and two `stepMs` later). On a test clock (`exact`) the engine stamps each
 * at exactly that time; on the wall clock each is recorded no earlier. Returns the lateness of
 * each level in ms.
 */
export function expectLadder(
  items: HistoryItem[],
  dueAt: string,
  remediationId: string,
  { stepMs, exact }: { stepMs: number; exact: boolean },
): number[] {
  const escalations = escalationsIn(items);
  const levels = escalations.map((e) => e.data.level);
  if (JSON.stringify(levels) !== '[1,2,3]')
    throw new Error(`expected levels [1,2,3] once each, got ${JSON.stringify(levels)}`);
  return escalations.map((e, i) => {
    const firesAt = Date.parse(dueAt) + i * stepMs;
    const at = Date.parse(exact ? e.occurredAt : e.recordedAt);
    const late = at - firesAt;
    if (exact && late !== 0)
      throw new Error(`level ${i + 1} at ${e.occurredAt}, not at ${new Date(firesAt).toISOString()}`);
    if (late < 0 || Date.parse(e.occurredAt) < firesAt)
      throw new Error(`level ${i + 1} recorded ${-late} ms before the policy fires it`);
    if (
      e.data.trigger !== 'overdue' ||
      e.data.remediationId !== remediationId ||
      e.data.dueAt !== new Date(dueAt).toISOString()
    ) {
      throw new Error(`level ${i + 1} measured the wrong deadline: ${JSON.stringify(e.data)}`);
    }
    if (e.data.escalatedTo?.body !== ['district-bureau', 'city-division', 'bureau-leadership'][i]) {
      throw new Error(`level ${i + 1} went to ${JSON.stringify(e.data.escalatedTo)}`);
    }
    return late;
  });
}

/** The ladder as the fast policy fires it on the wall clock: 0 s, 2 s and 4 s past the due time. */
export const expectFastLadder = (items: HistoryItem[], dueAt: string, remediationId: string): number[] =>
  expectLadder(items, dueAt, remediationId, { stepMs: 2000, exact: false });
