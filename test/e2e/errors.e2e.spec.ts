import { aReport, hoursFromNow, startTestApp, STORE_SETUPS, type TestApp } from './test-app';

/**
 * Every refusal in shared/API.md: the right status, a message that names the problem, and
 * nothing appended to the log.
 */
describe.each(STORE_SETUPS)('refused commands (%s)', (store) => {
  let t: TestApp;
  let issueId: string;
  let rid: string;
  const head = async () => (await t.get('/health')).body.eventStore.headPosition as number;

  beforeAll(async () => {
    t = await startTestApp(store);
    issueId = (await t.post('/issues', aReport())).body.issueId;
    rid = (
      await t.post(`/issues/${issueId}/remediations`, {
        responsibleUnit: '某项目部',
        action: '整改',
        dueAt: hoursFromNow(24),
        assignedBy: '思明区建设局',
      })
    ).body.remediationId;
  });
  afterAll(() => t.destroy());

  /** Sends a command that must be refused and checks the log did not move. */
  async function refused(
    route: string,
    body: unknown,
    status: number,
    message: RegExp,
    headers?: Record<string, string>,
  ) {
    const before = await head();
    const answer = await t.post(route, body, headers);
    expect({ status: answer.status, message: answer.body.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(await head()).toBe(before);
    return answer.body;
  }

  it('400: names every missing or bad field of a report', async () => {
    const body = await refused(
      '/issues',
      { title: ' ', category: 'fire', severity: 'urgent', district: 'beijing', source: 'x' },
      400,
      /title/,
    );
    // reportedBy is optional since sign-in: it defaults to the signed-in user's display name.
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'category',
      'district',
      'severity',
      'source',
      'title',
    ]);
    expect(JSON.stringify(body.fields)).toContain('on-site-rectification');
    expect(body.message).toContain('title must not be blank');
    const missingEnum = await refused(
      '/issues',
      aReport({ district: undefined }),
      400,
      /district is required: district must be one of: siming/,
    );
    expect(missingEnum.fields).toEqual([
      { field: 'district', messages: [expect.stringContaining('district is required')] },
    ]);
  });

  it('400: refuses unknown fields, times without offset, future and far-past times', async () => {
    await refused('/issues', aReport({ colour: 'red' }), 400, /colour is not a known field/);
    await refused('/issues', aReport({ occurredAt: '2023-03-15 09:30' }), 400, /occurredAt/);
    await refused('/issues', aReport({ occurredAt: hoursFromNow(24) }), 400, /occurredAt/);
    await refused('/issues', aReport({ occurredAt: '1999-12-31T00:00:00Z' }), 400, /occurredAt/);
    await refused(
      `/issues/${issueId}/meetings`,
      { kind: 'site-coordination', heldAt: new Date().toISOString(), convenedBy: 'x', attendees: [] },
      400,
      /attendees/,
    );
  });

  it('400: a due time before the assignment, an extension that does not move later, a malformed body', async () => {
    await refused(
      `/issues/${issueId}/remediations`,
      { responsibleUnit: 'u', action: 'a', dueAt: hoursFromNow(-1), assignedBy: 'b' },
      400,
      /dueAt/,
    );
    await refused(
      `/issues/${issueId}/remediations/${rid}/extension`,
      { newDueAt: hoursFromNow(1), reason: '天气' },
      400,
      /newDueAt/,
    );
    await refused(
      `/issues/${issueId}/remediations/${rid}/extension`,
      { newDueAt: hoursFromNow(72), reason: '' },
      400,
      /reason/,
    );
    await refused(
      `/issues/${issueId}/remediations/${rid}/verification`,
      { verifiedBy: 'v', accepted: 'yes' },
      400,
      /accepted/,
    );
    const malformed = await t.post('/issues', '{"title": ', {});
    expect(malformed.status).toBe(400);
  });

  it('400: a bad If-Match or Idempotency-Key header, and bad query parameters', async () => {
    await refused(`/issues/${issueId}/escalations`, { by: 'a', reason: 'r' }, 400, /If-Match/, {
      'if-match': 'abc',
    });
    expect((await t.get('/issues?district=mars')).status).toBe(400);
    expect((await t.get('/issues?limit=0')).status).toBe(400);
    expect((await t.get('/groups/performance?period=2023-13')).status).toBe(400);
    expect((await t.get('/groups/performance')).status).toBe(400);
    expect((await t.get(`/issues/${issueId}/state?asOf=yesterday`)).status).toBe(400);
    expect((await t.get('/audit?type=Nope')).status).toBe(400);
  });

  it('400: a cursor no list gave out, named as the field', async () => {
    const message = 'cursor: is not a cursor this list gave out; start again without it';
    for (const route of ['/issues?cursor=garbage', '/audit?cursor=garbage']) {
      const answer = await t.get(route);
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message,
          fields: [{ field: 'cursor', messages: [message] }],
        },
      });
    }
  });

  it('404: unknown issue or remediation item, for commands and queries', async () => {
    await refused(
      '/issues/nope/meetings',
      { kind: 'summons', heldAt: new Date().toISOString(), convenedBy: 'x', attendees: ['y'] },
      404,
      /issue nope does not exist/,
    );
    await refused(
      `/issues/${issueId}/remediations/nope/completion`,
      { reportedBy: 'x' },
      404,
      /remediation item nope/,
    );
    expect((await t.get('/issues/nope')).status).toBe(404);
    expect((await t.get('/issues/nope/history')).status).toBe(404);
    expect((await t.get(`/issues/nope/state?asOf=${new Date().toISOString()}`)).status).toBe(404);
  });

  it('409: verifying an item not yet completed, completing a verified item, closing with unverified items', async () => {
    await refused(
      `/issues/${issueId}/remediations/${rid}/verification`,
      { verifiedBy: 'v', accepted: true },
      409,
      /completed/,
    );
    await refused(`/issues/${issueId}/closure`, { closedBy: 'c', resolution: 'done' }, 409, new RegExp(rid));
    await t.post(`/issues/${issueId}/remediations/${rid}/completion`, { reportedBy: 'u' });
    await t.post(`/issues/${issueId}/remediations/${rid}/verification`, { verifiedBy: 'v', accepted: true });
    await refused(`/issues/${issueId}/remediations/${rid}/completion`, { reportedBy: 'u' }, 409, /verified/);
    await refused(
      `/issues/${issueId}/remediations/${rid}/extension`,
      { newDueAt: hoursFromNow(100), reason: 'r' },
      409,
      /verified/,
    );
  });

  it('409: anything but reopening on a closed issue, reopening an open one, escalating past level 3', async () => {
    const { body } = await t.post('/issues', aReport());
    const id = body.issueId;
    await refused(
      `/issues/${id}/reopening`,
      { by: 'x', reason: 'y' },
      409,
      /not closed|is open|only a closed/i,
    );
    for (let level = 1; level <= 3; level++) {
      expect((await t.post(`/issues/${id}/escalations`, { by: '局领导', reason: '拖延' })).status).toBe(201);
    }
    await refused(`/issues/${id}/escalations`, { by: '局领导', reason: '拖延' }, 409, /top|level 3/);
    expect((await t.post(`/issues/${id}/closure`, { closedBy: 'c', resolution: '已处理' })).status).toBe(201);
    await refused(`/issues/${id}/closure`, { closedBy: 'c', resolution: 'again' }, 409, /closed/);
    await refused(
      `/issues/${id}/meetings`,
      { kind: 'summons', heldAt: new Date().toISOString(), convenedBy: 'x', attendees: ['y'] },
      409,
      /reopen/,
    );
    expect((await t.post(`/issues/${id}/reopening`, { by: '局领导', reason: '问题反复' })).status).toBe(201);
  });

  it('closes with unverified items only when forced, and says so', async () => {
    const { body } = await t.post('/issues', aReport());
    await t.post(`/issues/${body.issueId}/remediations`, {
      responsibleUnit: 'u',
      action: 'a',
      dueAt: hoursFromNow(5),
      assignedBy: 'b',
    });
    const forced = await t.post(`/issues/${body.issueId}/closure`, {
      closedBy: '局领导',
      resolution: '项目已撤场，整改项转入新项目',
      force: true,
    });
    expect(forced.status).toBe(201);
    const history = (await t.get(`/issues/${body.issueId}/history`)).body;
    expect(history[history.length - 1]).toMatchObject({ type: 'IssueClosed', data: { forced: true } });
  });
});
