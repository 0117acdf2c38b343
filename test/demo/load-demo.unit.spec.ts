import { loadDemo, type DemoClient } from '../../src/demo/load-demo';
import { WORKING_DAYS_Q1_2023 } from '../../src/demo/working-calendar';
import {
  CATEGORIES,
  DISTRICTS,
  MEETING_KINDS,
  SEVERITIES,
  SOURCES,
} from '../../src/issues/domain/vocabulary';
import { ContractFake, t, type Issue } from './contract-fake';

const loaded = async () => {
  const fake = new ContractFake();
  const result = await loadDemo(fake);
  return { fake, result, issues: [...fake.issues.values()] };
};
const byTitle = (issues: Issue[], fragment: string) => {
  const found = issues.filter((i) => i.report.title.includes(fragment));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('loadDemo', () => {
  it('loads every scenario through the contract without a single refusal', async () => {
    const { fake, result } = await loaded();
    expect(result.commands).toBe(fake.requests.length);
    expect(result.issues).toBe(fake.issues.size);
    expect(fake.appended).toBe(result.commands);
    expect(result.issues).toBeGreaterThanOrEqual(65);
  });

  it('dates every command on a Q1 2023 working day in Asia/Shanghai office hours, lunch excepted', async () => {
    const { fake } = await loaded();
    for (const { body } of fake.requests) {
      const [, day, time] = /^(2023-\d{2}-\d{2})T(\d{2}:\d{2}):00\+08:00$/.exec(body.occurredAt) ?? [];
      expect(WORKING_DAYS_Q1_2023).toContain(day);
      const inOffice = (time >= '08:30' && time < '12:00') || (time >= '14:00' && time <= '17:30');
      if (!inOffice) throw new Error(`${body.occurredAt} is outside office hours`);
    }
    expect(WORKING_DAYS_Q1_2023[0]).toBe('2023-01-03');
    expect(WORKING_DAYS_Q1_2023).toContain('2023-01-28'); // Spring Festival make-up day
    expect(WORKING_DAYS_Q1_2023).not.toContain('2023-01-24');
    expect(WORKING_DAYS_Q1_2023[WORKING_DAYS_Q1_2023.length - 1]).toBe('2023-03-31');
  });

  it('derives unique idempotency keys, so a second load sends the same requests and appends nothing', async () => {
    const fake = new ContractFake();
    const first = await loadDemo(fake);
    const firstRequests = JSON.stringify(fake.requests);
    const keys = fake.requests.map((r) => r.headers['Idempotency-Key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^demo-2023q1-[a-z0-9-]+$/.test(k))).toBe(true);

    const second = await loadDemo(fake);
    expect(second).toEqual(first);
    expect(fake.appended).toBe(first.commands);
    expect(JSON.stringify(fake.requests.slice(first.commands))).toBe(firstRequests);
  });

  it('throws with the server answer on a refusal', async () => {
    const refusing: DemoClient = {
      post: async () => ({ status: 409, body: { message: 'issue is closed' } }),
    };
    await expect(loadDemo(refusing)).rejects.toThrow(/409.*issue is closed/);
  });

  it('covers all six districts, five categories, severities, sources and meeting kinds', async () => {
    const { issues } = await loaded();
    const seen = (f: string) => new Set(issues.map((i) => i.report[f]));
    expect([...seen('district')].sort()).toEqual([...DISTRICTS].sort());
    expect([...seen('category')].sort()).toEqual([...CATEGORIES].sort());
    expect([...seen('severity')].sort()).toEqual([...SEVERITIES].sort());
    expect([...seen('source')].sort()).toEqual([...SOURCES].sort());
    expect(new Set(issues.flatMap((i) => i.meetings.map((m) => m.kind))).size).toBe(MEETING_KINDS.length);
    const technical = issues.filter((i) => i.report.category === 'technical-difficulty');
    expect(technical.length).toBeGreaterThanOrEqual(58);
    expect(technical.length).toBeLessThanOrEqual(70);
    expect(technical.every((i) => i.items.size >= 1 && i.items.size <= 3)).toBe(true);
  });

  it('tells the Siming case: a coordination meeting, one item per task, closed 8 days after the report', async () => {
    const siming = byTitle((await loaded()).issues, '何厝');
    expect(siming.report.district).toBe('siming');
    expect(siming.meetings[0].kind).toBe('site-coordination');
    expect(siming.items.size).toBeGreaterThanOrEqual(4);
    expect((t(siming.closedAt!) - t(siming.report.occurredAt)) / 86_400_000).toBeCloseTo(8, 0);
  });

  it('tells the Huli cases: a summons, a rejected-then-redone item, an extension, and a petition', async () => {
    const { issues } = await loaded();
    const soiling = byTitle(issues, '渣土车污染路面');
    expect(soiling.report.source).toBe('referral');
    expect(soiling.meetings.map((m) => m.kind)).toContain('summons');
    expect(soiling.rejections).toBe(1);
    expect(soiling.extensions[0]).toMatchObject({ reason: expect.any(String) });
    expect(soiling.extensions[0]).not.toHaveProperty('approvedBy');
    expect(soiling.closedAt).toBeDefined();
    const petition = byTitle(issues, '钟宅片区居民信访');
    expect(petition.report).toMatchObject({
      source: 'petition',
      category: 'petition-complaint',
      district: 'huli',
    });
    expect(petition.closedAt).toBeDefined();
  });

  it('tells the Haicang case: joint inspection, expert consultation, one re-selection still open and overdue', async () => {
    const haicang = byTitle((await loaded()).issues, '桩长');
    expect(haicang.report.category).toBe('technical-difficulty');
    expect(haicang.meetings.map((m) => m.kind)).toEqual(['joint-inspection', 'expert-consultation']);
    expect(haicang.closedAt).toBeUndefined();
    const open = [...haicang.items.values()].filter((i) => i.status === 'assigned');
    expect(open).toHaveLength(1);
    expect(open[0].dueAt.startsWith('2023-03')).toBe(true);
  });

  it("tells the Tong'an case: trainings, teaching, surprise checks, a contest and one manual escalation", async () => {
    const { fake, issues } = await loaded();
    const tongan = byTitle(issues, '起重机械');
    expect(tongan.report.category).toBe('safety-emergency');
    expect(tongan.escalations).toHaveLength(1);
    const actions = fake.requests
      .filter((r) => r.path === `/issues/${tongan.id}/remediations`)
      .map((r) => r.body.action)
      .join(' ');
    for (const words of ['6个重点环节', '8大要素', '3场次', '突击检查', '知识竞赛'])
      expect(actions).toContain(words);
    expect(tongan.closedAt).toBeDefined();
  });

  it('closes most issues within their deadlines, districts clearly apart, some late and a few open', async () => {
    const { fake, issues } = await loaded();
    const rates = onTimeRates(fake);
    const districts = DISTRICTS.map((d) => rates.byDistrict.get(d)!);
    expect(rates.overall).toBeGreaterThanOrEqual(0.7);
    const shares = districts.map((d) => d.onTime / d.closed);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThanOrEqual(0.25);
    expect(
      rates.byDistrict.get('siming')!.onTime / rates.byDistrict.get('siming')!.closed,
    ).toBeGreaterThanOrEqual(0.85);
    expect(
      rates.byDistrict.get('xiangan')!.onTime / rates.byDistrict.get('xiangan')!.closed,
    ).toBeLessThanOrEqual(0.65);
    expect(districts.reduce((late, d) => late + d.closed - d.onTime, 0)).toBeGreaterThanOrEqual(5);
    const open = issues.filter((i) => !i.closedAt);
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.length).toBeLessThan(issues.length / 6);
    // Open issues are overdue by the end of the quarter, not merely unfinished.
    const quarterEnd = t('2023-03-31T17:30:00+08:00');
    expect(
      open.every((i) =>
        [...i.items.values()].some((x) => x.status !== 'verified' && t(x.dueAt) < quarterEnd),
      ),
    ).toBe(true);
  });
});

/**
 * Group performance's on-time rule, from the requests alone: an issue is closed on time when
 * its closure comes no later than the latest due time of its items (extensions included), or
 * when it has no items; the share is over closed issues, as the ranking's onTimeRate.
 */
function onTimeRates(fake: ContractFake) {
  const latestDue = new Map<string, string>();
  const closedAt = new Map<string, string>();
  for (const { path, body } of fake.requests) {
    const issueId = path.split('/')[2];
    const due = /\/remediations$/.test(path)
      ? body.dueAt
      : /\/extension(-requests)?$/.test(path)
        ? body.newDueAt
        : undefined;
    if (due && (!latestDue.has(issueId) || t(due) > t(latestDue.get(issueId)!))) latestDue.set(issueId, due);
    if (/\/closure$/.test(path)) closedAt.set(issueId, body.occurredAt);
  }
  const byDistrict = new Map<string, { closed: number; onTime: number }>(
    DISTRICTS.map((d) => [d, { closed: 0, onTime: 0 }]),
  );
  for (const [issueId, closed] of closedAt) {
    const counts = byDistrict.get(fake.issues.get(issueId)!.report.district)!;
    counts.closed++;
    const due = latestDue.get(issueId);
    if (due === undefined || t(closed) <= t(due)) counts.onTime++;
  }
  const all = [...byDistrict.values()];
  const overall = all.reduce((s, d) => s + d.onTime, 0) / all.reduce((s, d) => s + d.closed, 0);
  return { overall, byDistrict };
}
