import { aReport, hoursFromNow, startTestApp, STORE_SETUPS, type TestApp } from './test-app';

describe.each(STORE_SETUPS)('retries, optimistic concurrency and time travel (%s)', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(store);
  });
  afterAll(() => t.destroy());

  it('Idempotency-Key: a retried report returns the first answer and appends nothing', async () => {
    const headers = { 'idempotency-key': 'report-2023-0001' };
    const first = await t.post('/issues', aReport(), headers);
    const again = await t.post('/issues', aReport(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      issueId: first.body.issueId,
      revision: first.body.revision,
      position: first.body.position,
    });
    expect((await t.get(`/issues/${first.body.issueId}/history`)).body).toHaveLength(1);
  });

  it('Idempotency-Key: a retried assignment returns the same item id; a reused key on another request is refused', async () => {
    const { body: issue } = await t.post('/issues', aReport());
    const body = { responsibleUnit: 'u', action: 'a', dueAt: hoursFromNow(30), assignedBy: 'b' };
    const headers = { 'idempotency-key': 'assign-1' };
    const first = await t.post(`/issues/${issue.issueId}/remediations`, body, headers);
    const again = await t.post(`/issues/${issue.issueId}/remediations`, body, headers);
    expect(again.body).toMatchObject({
      remediationId: first.body.remediationId,
      position: first.body.position,
    });
    const other = await t.post(
      `/issues/${issue.issueId}/remediations`,
      { ...body, action: 'different' },
      headers,
    );
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/Idempotency-Key/);
    expect((await t.get(`/issues/${issue.issueId}/history`)).body).toHaveLength(2);
  });

  it('Idempotency-Key: a retry after the issue moved on still answers the first result', async () => {
    const { body: issue } = await t.post('/issues', aReport());
    const headers = { 'idempotency-key': 'close-once' };
    const closed = await t.post(
      `/issues/${issue.issueId}/closure`,
      { closedBy: 'c', resolution: '已处理' },
      headers,
    );
    await t.post(`/issues/${issue.issueId}/reopening`, { by: 'x', reason: '反复' });
    const retry = await t.post(
      `/issues/${issue.issueId}/closure`,
      { closedBy: 'c', resolution: '已处理' },
      headers,
    );
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ revision: closed.body.revision, position: closed.body.position });
  });

  it('If-Match: the current revision passes, a stale one is refused with 409 and appends nothing', async () => {
    const { body: issue } = await t.post('/issues', aReport());
    const ok = await t.post(
      `/issues/${issue.issueId}/escalations`,
      { by: 'a', reason: 'r' },
      { 'if-match': '0' },
    );
    expect(ok.status).toBe(201);
    expect(ok.body.revision).toBe(1);
    const stale = await t.post(
      `/issues/${issue.issueId}/escalations`,
      { by: 'a', reason: 'r' },
      { 'if-match': '"0"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/revision 1/);
    expect((await t.get(`/issues/${issue.issueId}/history`)).body).toHaveLength(2);
  });

  it('concurrent commands on one issue all land, each at its own revision', async () => {
    const { body: issue } = await t.post('/issues', aReport());
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.post(`/issues/${issue.issueId}/meetings`, {
          kind: 'summons',
          heldAt: new Date().toISOString(),
          convenedBy: 'c',
          attendees: [`unit ${i}`],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(answers.map((a) => a.body.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('asOf: the issue as it stood at a past recorded time', async () => {
    const { body: issue } = await t.post('/issues', aReport());
    const assigned = await t.post(`/issues/${issue.issueId}/remediations`, {
      responsibleUnit: 'u',
      action: 'a',
      dueAt: hoursFromNow(10),
      assignedBy: 'b',
    });
    const history = (await t.get(`/issues/${issue.issueId}/history`)).body;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date(Date.parse(history[1].recordedAt) + 1).toISOString();
    await t.post(`/issues/${issue.issueId}/closure`, { closedBy: 'c', resolution: 'r', force: true });

    const before = await t.get(
      `/issues/${issue.issueId}/state?asOf=${encodeURIComponent(history[0].recordedAt)}`,
    );
    expect(before.body).toMatchObject({ status: 'open', remediations: [], revision: 0 });
    const mid = await t.get(`/issues/${issue.issueId}/state?asOf=${encodeURIComponent(between)}`);
    expect(mid.body).toMatchObject({ status: 'in-progress', revision: 1 });
    expect(mid.body.remediations[0].remediationId).toBe(assigned.body.remediationId);
    const now = await t.get(
      `/issues/${issue.issueId}/state?asOf=${encodeURIComponent(new Date().toISOString())}`,
    );
    expect(now.body.status).toBe('closed');
    const tooEarly = await t.get(`/issues/${issue.issueId}/state?asOf=2001-01-01T00:00:00Z`);
    expect(tooEarly.status).toBe(404);
  });

  it('audit: filters by actor, type, district and occurredAt period, and pages by cursor', async () => {
    const march = (day: number) => `2023-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
    // The actor is who signed in: Haicang's work group reports, the audit finds it by username.
    const haicang = await t.createUser({
      username: 'haicang-group',
      role: 'work-group',
      district: 'haicang',
    });
    let position = 0;
    for (let day = 1; day <= 4; day++) {
      position = (
        await haicang.post(
          '/issues',
          aReport({ district: 'haicang', reportedBy: '驻海沧区工作组', occurredAt: march(day) }),
        )
      ).body.position;
    }
    const byActor = await t.get(`/audit?actor=haicang-group&minPosition=${position}`);
    expect(byActor.body.items).toHaveLength(4);
    expect(byActor.body.items[0]).toMatchObject({
      actorRole: 'work-group',
      data: { reportedBy: '驻海沧区工作组' },
    });
    const period = await t.get(
      `/audit?district=haicang&type=IssueReported&from=${encodeURIComponent(march(2))}&to=${encodeURIComponent(march(4))}`,
    );
    expect(period.body.items.map((i: { occurredAt: string }) => i.occurredAt)).toEqual([
      '2023-03-02T02:00:00.000Z',
      '2023-03-03T02:00:00.000Z',
    ]);
    const first = await t.get('/audit?district=haicang&limit=3');
    expect(first.body.items).toHaveLength(3);
    const second = await t.get(`/audit?district=haicang&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.items[0].position).toBeGreaterThan(first.body.items[2].position);
  });
});
