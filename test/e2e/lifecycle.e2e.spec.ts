import { aReport, hoursFromNow, startTestApp, STORE_SETUPS, type Client, type TestApp } from './test-app';

/** Shanghai calendar day of a time, as the performance periods count it. */
const shanghaiDay = (time: Date) => new Date(time.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe.each(STORE_SETUPS)('an issue from report to closure over HTTP (%s)', (store) => {
  let t: TestApp;
  /** Siming's work group and district bureau, signed in: the commands go as they would. */
  let group: Client;
  let bureau: Client;
  beforeAll(async () => {
    t = await startTestApp(store);
    group = await t.createUser({
      username: 'siming-group',
      role: 'work-group',
      district: 'siming',
      displayName: '驻思明区工作组',
    });
    bureau = await t.createUser({
      username: 'siming-bureau',
      role: 'district-bureau',
      district: 'siming',
      displayName: '思明区建设局',
    });
  });
  afterAll(() => t.destroy());

  it('is reported, handled, closed, and read back from projections, history and audit', async () => {
    const { reportedBy: _, ...report } = aReport();
    const reported = await group.post('/issues', report);
    expect(reported.status).toBe(201);
    expect(reported.body).toEqual({ issueId: expect.any(String), revision: 0, position: expect.any(Number) });
    const id = reported.body.issueId;

    const meeting = await group.post(`/issues/${id}/meetings`, {
      kind: 'site-coordination',
      heldAt: new Date().toISOString(),
      convenedBy: '驻思明区工作组',
      attendees: ['思明区建设局', '何厝各工地项目部'],
      summary: '明确各工地共用道路责任范围',
      decisions: ['分段包干', '集资修缮', '完善排水', '每日清扫'],
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({ issueId: id, revision: 1, meetingId: expect.any(String) });

    const assigned = await group.post(`/issues/${id}/remediations`, {
      responsibleUnit: '何厝一号地块项目部',
      action: '修复责任段道路并完善排水',
      dueAt: hoursFromNow(48),
      assignedBy: '思明区建设局',
    });
    expect(assigned.status).toBe(201);
    const rid = assigned.body.remediationId;
    expect(rid).toEqual(expect.any(String));

    expect(
      (
        await bureau.post(`/issues/${id}/remediations/${rid}/completion`, {
          reportedBy: '何厝一号地块项目部',
          evidence: '修复前后照片',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await group.post(`/issues/${id}/remediations/${rid}/verification`, {
          accepted: true,
        })
      ).status,
    ).toBe(201);
    const closed = await group.post(`/issues/${id}/closure`, { resolution: '道路修复完成，销号' });
    expect(closed.status).toBe(201);
    expect(closed.body.revision).toBe(5);

    const view = await group.get(`/issues/${id}?minPosition=${closed.body.position}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id,
      status: 'closed',
      district: 'siming',
      escalationLevel: 0,
      overdue: false,
      revision: 5,
      closedAt: expect.any(String),
      reportedAt: expect.any(String),
    });
    expect(view.body.meetings).toHaveLength(1);
    expect(view.body.remediations).toEqual([
      expect.objectContaining({ remediationId: rid, status: 'verified', overdue: false }),
    ]);

    const history = await group.get(`/issues/${id}/history`);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'IssueReported',
      'MeetingConvened',
      'RemediationAssigned',
      'RemediationCompleted',
      'RemediationVerified',
      'IssueClosed',
    ]);
    // Who did it is the signed-in user; the person fields default to its display name.
    expect(history.body[0]).toMatchObject({
      position: reported.body.position,
      revision: 0,
      actor: 'siming-group',
      actorRole: 'work-group',
      actorDistrict: 'siming',
      data: { reportedBy: '驻思明区工作组' },
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
      correlationId: expect.any(String),
      causationId: null,
    });
    expect(history.body.map((e: { actor: string }) => e.actor)).toEqual([
      'siming-group',
      'siming-group',
      'siming-group',
      'siming-bureau',
      'siming-group',
      'siming-group',
    ]);
    expect(history.body[3]).toMatchObject({
      actorRole: 'district-bureau',
      data: { reportedBy: '何厝一号地块项目部' },
    });
    expect(history.body[4].data.verifiedBy).toBe('驻思明区工作组');

    const audit = await t.get(`/audit?district=siming&type=IssueClosed&minPosition=${closed.body.position}`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        issueId: id,
        type: 'IssueClosed',
        actor: 'siming-group',
        actorRole: 'work-group',
      }),
    ]);

    const day = shanghaiDay(new Date());
    const rows = (await t.get(`/groups/performance?period=${day}&minPosition=${closed.body.position}`)).body
      .rows;
    expect(rows).toHaveLength(6);
    expect(rows.find((r: { district: string }) => r.district === 'siming')).toMatchObject({
      reported: 1,
      closed: 1,
      closedOnTime: 1,
      onTimeRate: 1,
      meetings: 1,
      rank: 1,
    });
    expect(rows.find((r: { district: string }) => r.district === 'huli')).toMatchObject({
      reported: 0,
      closed: 0,
    });
  });

  it('lists the board with filters and pages through it without repeats', async () => {
    const ids: string[] = [];
    let position = 0;
    for (let i = 0; i < 5; i++) {
      const answer = await t.post('/issues', aReport({ district: 'jimei', title: `集美问题 ${i}` }));
      ids.push(answer.body.issueId);
      position = answer.body.position;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/issues?district=jimei&limit=2&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.get(query);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const open = await t.get(
      '/issues?district=jimei&status=open&category=on-site-rectification&severity=high&escalationLevel=0',
    );
    expect(open.body.items).toHaveLength(5);
    expect((await t.get('/issues?district=jimei&status=closed')).body.items).toHaveLength(0);
  });

  it('shows an item past its due time as overdue on the board and in the view', async () => {
    const { body: issue } = await t.post(
      '/issues',
      aReport({ district: 'xiangan', occurredAt: new Date(Date.now() - 72 * 3_600_000).toISOString() }),
    );
    const late = await t.post(`/issues/${issue.issueId}/remediations`, {
      responsibleUnit: '翔安某项目部',
      action: '整改',
      dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      assignedBy: '翔安区建设局',
      occurredAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
    });
    expect(late.status).toBe(201);
    const board = await t.get(`/issues?district=xiangan&overdue=true&minPosition=${late.body.position}`);
    expect(board.body.items.map((i: { id: string }) => i.id)).toEqual([issue.issueId]);
    expect(board.body.items[0]).toMatchObject({
      overdue: true,
      status: 'in-progress',
      nextDueAt: expect.any(String),
    });
    expect((await t.get('/issues?district=xiangan&overdue=false')).body.items).toHaveLength(0);
  });

  it('answers /health with the store and the projection lag, and serves Swagger UI at /docs', async () => {
    const health = await t.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      ready: true,
      eventStore: { status: 'up' },
      projections: { lag: expect.any(Number) },
    });
    const docs = await t.get('/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
    const groups = await t.get('/groups');
    expect(groups.body).toHaveLength(6);
    expect(groups.body[0].leadership).toMatchObject({
      bureauLeader: expect.any(Object),
      divisionHead: expect.any(Object),
      workGroup: expect.any(Object),
    });
  });
});
