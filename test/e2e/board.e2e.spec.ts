import { aReport, hoursFromNow, startTestApp, STORE_SETUPS, type TestApp } from './test-app';

/** The board's counters and its light, open-or-closed and due-order filters over HTTP. */
describe.each(STORE_SETUPS)('the board over HTTP (%s)', (store) => {
  let t: TestApp;
  let overdueId: string;
  let dueLaterId: string;
  let closedId: string;
  let position = 0;

  const report = async (overrides: Record<string, unknown> = {}) => {
    const answer = await t.post('/issues', aReport(overrides));
    position = answer.body.position;
    return answer.body.issueId as string;
  };
  const assign = async (issueId: string, dueAt: string, occurredAt = hoursFromNow(0)) => {
    const answer = await t.post(`/issues/${issueId}/remediations`, {
      responsibleUnit: '一号地块项目部',
      action: '修复责任段道路',
      dueAt,
      assignedBy: '思明区建设局',
      occurredAt,
    });
    expect(answer.status).toBe(201);
    position = answer.body.position;
  };

  beforeAll(async () => {
    t = await startTestApp(store, undefined);
    // Recorded after the fact: an item that fell due yesterday (history, so nothing escalates it).
    overdueId = await report({ title: '已超期', occurredAt: hoursFromNow(-72) });
    await assign(overdueId, hoursFromNow(-30), hoursFromNow(-70));
    dueLaterId = await report({ title: '后天到期', district: 'huli' });
    await assign(dueLaterId, hoursFromNow(48));
    closedId = await report({ title: '已销号' });
    const closed = await t.post(`/issues/${closedId}/closure`, {
      closedBy: '驻思明区工作组',
      resolution: '完成',
    });
    position = closed.body.position;
  });
  afterAll(() => t.destroy());

  it('counts open, due-soon, overdue and escalated issues, narrowed by the shared filters', async () => {
    const all = await t.get(`/issues/counts?minPosition=${position}`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      open: 2,
      dueSoon: 0,
      overdue: 1,
      escalated: { level1: 0, level2: 0, level3: 0 },
      asOf: expect.any(String),
    });
    expect((await t.get('/issues/counts?district=huli')).body).toMatchObject({ open: 1, overdue: 0 });
  });

  it('lists by light, open or closed, and by the nearest due time', async () => {
    const ids = async (query: string) =>
      ((await t.get(`/issues?${query}`)).body.items as Array<{ id: string }>).map((i) => i.id);
    expect(await ids('light=red')).toEqual([overdueId]);
    expect((await ids('light=green')).sort()).toEqual([closedId, dueLaterId].sort());
    expect(await ids('closed=true')).toEqual([closedId]);
    expect(await ids('closed=false&sort=due')).toEqual([overdueId, dueLaterId]);
  });

  it('names the bad filter', async () => {
    const answer = await t.get('/issues?light=blue&sort=soonest');
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual([
      { field: 'light', messages: ['light must be one of: red, yellow, green'] },
      { field: 'sort', messages: ['sort must be one of: reported, due'] },
    ]);
    expect((await t.get('/issues/counts?district=gulangyu')).status).toBe(400);
  });
});
