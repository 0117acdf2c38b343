import { allProjections } from '../../projections';
import { openEventStore, openReadStore } from '../../src/config/open-stores';
import { loadDemo, type DemoClient } from '../../src/demo/load-demo';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { DEMO_TEST_PASSWORD, demoUsersClient } from './demo-client';
import { startTestApp, STORE_SETUPS, type TestApp } from './test-app';

/**
 * The Q1 2023 demo through real HTTP, sent as the demo bureau's users, then a rebuild from
 * zero that must answer the same.
 */
describe.each(STORE_SETUPS)('demo quarter and projection rebuild (%s)', (store) => {
  let t: TestApp;
  let client: DemoClient;
  const snapshot = async () => {
    const head = (await t.get('/health')).body.eventStore.headPosition;
    const read = async (route: string) =>
      (await t.get(`${route}${route.includes('?') ? '&' : '?'}minPosition=${head}`)).body;
    return {
      // The ranking's asOf is the time of asking; the rows must be the same.
      q1: (await read('/groups/performance?period=2023-Q1')).rows,
      march: (await read('/groups/performance?period=2023-03')).rows,
      board: await read('/issues?limit=500'),
      overdue: await read('/issues?overdue=true&limit=500'),
      audit: await read('/audit?district=huli&limit=500'),
    };
  };

  beforeAll(async () => {
    // Escalation is on: the quarter's deadlines were already past when the loader recorded them
    // (history, not live deadlines), so nothing escalates by itself between the demo's commands.
    t = await startTestApp(store);
    client = await demoUsersClient(() => t);
  });
  afterAll(() => t.destroy());

  it('loads the quarter once, tells the seed cases, and a second load appends nothing', async () => {
    const first = await loadDemo(client);
    expect(first.issues).toBeGreaterThanOrEqual(70);
    const head = (await t.get('/health')).body.eventStore.headPosition;
    await loadDemo(client);
    expect((await t.get('/health')).body.eventStore.headPosition).toBe(head);

    const { q1, board } = await snapshot();
    expect(q1).toHaveLength(6);
    expect(q1.map((r: { rank: number }) => r.rank).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(q1.reduce((sum: number, r: { reported: number }) => sum + r.reported, 0)).toBe(first.issues);
    const titles = board.items.map((i: { title: string }) => i.title).join('\n');
    expect(titles).toMatch(/何厝/);
    expect(titles).toMatch(/钟宅/);
    expect(titles).toMatch(/桩/);
    expect(titles).toMatch(/起重/);
    const siming = board.items.find((i: { title: string }) => i.title.includes('何厝'));
    expect(siming).toMatchObject({ status: 'closed', district: 'siming' });

    // The audit trail reads like the bureau's: each command by who would have sent it.
    const history = (await t.get(`/issues/${siming.id}/history`)).body as Array<{
      type: string;
      actor: string;
    }>;
    const actorOf = (type: string) => [
      ...new Set(history.filter((e) => e.type === type).map((e) => e.actor)),
    ];
    expect(actorOf('IssueReported')).toEqual(['siming-group']);
    expect(actorOf('RemediationCompleted')).toEqual(['siming-bureau']);
    expect(actorOf('IssueClosed')).toEqual(['siming-group']);
    const huliGroup = await t.signIn('huli-group', DEMO_TEST_PASSWORD);
    expect((await huliGroup.get(`/issues/${siming.id}`)).status).toBe(404);
  });

  it('rebuilding every projection from zero gives the same answers', async () => {
    const before = await snapshot();
    await t.close();
    const events = await openEventStore(t.config);
    const readStore = await openReadStore(t.config);
    const rebuilt = await rebuildProjections(events, readStore, allProjections, upcastIssueEvent);
    expect(rebuilt.events).toBeGreaterThan(500);
    await readStore.close();
    await events.close();

    t = await startTestApp(store, t.config);
    const after = await snapshot();
    // openOverdue and overdue flags are computed against the clock at query time: equal here.
    expect(after).toEqual(before);
  });
});
