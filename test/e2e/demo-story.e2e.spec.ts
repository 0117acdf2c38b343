import { loadDemoStory } from '../../src/demo/load-demo';
import { DEMO_TEST_PASSWORD, demoUsersClient } from './demo-client';
import { startTestApp, type Client, type TestApp } from './test-app';

type Row = Record<string, any> & { district: string };
const sum = (rows: Row[], pick: (r: Row) => number) => rows.reduce((s, r) => s + pick(r), 0);

/**
 * `npm run demo:load` tells the article's story (Xiamen Daily, 2023-07-05), loaded as the demo
 * bureau's users: each figure it reports, read back through the API by the bureau leader.
 */
describe('the demo tells the article', () => {
  let t: TestApp;
  let head: number;
  /** The reviewer of the "done means": signed in as the leader. */
  let leader: Client;
  const read = async (route: string) =>
    (await leader.get(`${route}${route.includes('?') ? '&' : '?'}minPosition=${head}`)).body;
  const rows = async (period: string): Promise<Row[]> =>
    (await read(`/groups/performance?period=${period}`)).rows;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const client = await demoUsersClient(() => t);
    leader = await t.signIn('bureau-leader', DEMO_TEST_PASSWORD);
    await loadDemoStory(client);
    head = (await t.get('/health')).body.eventStore.headPosition;
    // A second load appends nothing.
    await loadDemoStory(client);
    expect((await t.get('/health')).body.eventStore.headPosition).toBe(head);
  });
  afterAll(() => t.destroy());

  it('Q1: 69 technical difficulties collected, and every one crossed off', async () => {
    expect(sum(await rows('2023-Q1'), (r) => r.difficultiesReported)).toBe(69);
    const board = await read('/issues?category=technical-difficulty&limit=500');
    const q1 = board.items.filter((i: { reportedAt: string }) => i.reportedAt < '2023-03-31T16:00:00.000Z');
    expect(q1).toHaveLength(69);
    expect(q1.every((i: { status: string }) => i.status === 'closed')).toBe(true);
  });

  it('March to June: 9 city rules adopted, 2 district practices promoted, 19 seminars, 21 technical sessions', async () => {
    const months = await Promise.all(['2023-03', '2023-04', '2023-05', '2023-06'].map(rows));
    const total = (pick: (r: Row) => number) => months.reduce((s, m) => s + sum(m, pick), 0);
    expect(total((r) => r.practicesAdopted)).toBe(9);
    expect(total((r) => r.practicesPromoted)).toBe(2);
    expect(total((r) => r.activities.seminar)).toBe(19);
    expect(total((r) => r.activities['technical-guidance'])).toBe(21);
    // Nothing of the kind before March: the mechanism started then.
    expect(sum(await rows('2023-02'), (r) => r.activities.seminar + r.practicesAdopted)).toBe(0);
  });

  it("Tong'an's May: the training on 6 key stages and 8 inspection elements, 3 on-site teaching sessions, 1 contest", async () => {
    const may = (await read('/groups/tongan/record?from=2023-05-01&to=2023-05-31&limit=100')).items as Array<{
      kind: string;
      topic: string | null;
    }>;
    const of = (kind: string) => may.filter((e) => e.kind === kind);
    expect(of('training')).toHaveLength(1);
    expect(of('training')[0].topic).toContain('6个重点环节');
    expect(of('training')[0].topic).toContain('8大要素');
    expect(of('on-site-teaching')).toHaveLength(3);
    expect(of('knowledge-contest')).toHaveLength(1);
    expect(of('surprise-inspection').length).toBeGreaterThanOrEqual(1);
    const tongan = (await rows('2023-05')).find((r) => r.district === 'tongan')!;
    expect(tongan.activities).toMatchObject({ training: 1, 'on-site-teaching': 3, 'knowledge-contest': 1 });
    // Recorded by the Tong'an work group itself, under its own name.
    const recorded = await read('/audit?type=GroupActivityRecorded&district=tongan&limit=500');
    expect(new Set(recorded.items.map((e: { actor: string }) => e.actor))).toEqual(new Set(['tongan-group']));
    expect(of('training')[0]).toMatchObject({ recordedBy: '驻同安区工作组' });
  });

  it("Siming's shared road at Hecuo: done in 8 days", async () => {
    const siming = (await read('/issues?district=siming&limit=500')).items.find((i: { title: string }) =>
      i.title.includes('何厝片区工地共用道路'),
    );
    expect(siming.status).toBe('closed');
    expect((Date.parse(siming.closedAt) - Date.parse(siming.reportedAt)) / 86_400_000).toBeCloseTo(8, 0);
  });

  it('on site near 2.5 days a week, some groups below', async () => {
    const q2 = await rows('2023-Q2');
    const perWeek = q2.map((r) => (r.onSiteDays / r.days) * 7);
    for (const days of perWeek) {
      expect(days).toBeGreaterThanOrEqual(2);
      expect(days).toBeLessThanOrEqual(3);
    }
    expect(perWeek.filter((d) => d < 2.5).length).toBeGreaterThanOrEqual(1);
    expect(perWeek.filter((d) => d >= 2.5).length).toBeGreaterThanOrEqual(1);
    expect(q2.every((r) => r.weeks === 14 && r.weeksOnTarget < r.weeks)).toBe(true);
  });

  it('the Q2 review: drafted, one appeal filed and decided, published; its workbook opens', async () => {
    const list = await read('/reviews?period=2023-Q2');
    expect(list.items).toHaveLength(1);
    const review = await read(`/reviews/${list.items[0].id}`);
    expect(review).toMatchObject({ status: 'published', period: '2023-Q2', formula: { version: '2023.1' } });
    expect(review.appeals).toHaveLength(1);
    expect(review.appeals[0]).toMatchObject({ district: 'xiangan', decision: { upheld: true } });
    expect(review.rows).toHaveLength(6);
    for (const row of review.rows) {
      expect(Object.keys(row.scoreParts)).toEqual([
        'onTime',
        'overdue',
        'escalations',
        'onSite',
        'knowledge',
      ]);
    }
    // Each step by who would have taken it: the supervision office drafts, the appealing
    // district's work group appeals, the leader decides and publishes.
    expect(review.history.map((h: { type: string; actor: string }) => [h.type, h.actor])).toEqual([
      ['ReviewDrafted', 'supervisor'],
      ['AppealFiled', 'xiangan-group'],
      ['AppealDecided', 'bureau-leader'],
      ['ReviewPublished', 'bureau-leader'],
    ]);
    const workbook = await fetch(`${t.url}/reviews/${review.reviewId}/export.xlsx`, {
      headers: { authorization: `Bearer ${leader.token}` },
    });
    expect(workbook.status).toBe(200);
    expect((await workbook.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });
});
