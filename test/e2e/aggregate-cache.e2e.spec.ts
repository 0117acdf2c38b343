import { aReport, hoursFromNow, startTestApp, testConfig, type TestApp } from './test-app';

/**
 * Two engines on one PostgreSQL, each with its aggregate cache warm, taking turns on one
 * issue: each must decide on what the other appended (an item the other assigned, a closure
 * the other recorded, a key the other was sent), never on the state it cached before.
 */
describe('two engines with warm aggregate caches on one issue (postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const config = testConfig('postgres');
    a = await startTestApp('postgres', config);
    b = await startTestApp('postgres', { ...config });
  });
  afterAll(async () => {
    await a.close();
    await b.destroy();
  });

  it('each engine decides on what the other appended', async () => {
    const { issueId } = (await a.post('/issues', aReport())).body;
    const meeting = { kind: 'joint-inspection', convenedBy: '驻思明区工作组', attendees: ['思明区建设局'] };
    // Both caches warm on the issue.
    expect(
      (await b.post(`/issues/${issueId}/meetings`, { ...meeting, heldAt: hoursFromNow(-2) })).status,
    ).toBe(201);
    expect(
      (await a.post(`/issues/${issueId}/meetings`, { ...meeting, heldAt: hoursFromNow(-1) })).status,
    ).toBe(201);

    const item = {
      responsibleUnit: '一号地块项目部',
      action: '修复道路',
      dueAt: hoursFromNow(48),
      assignedBy: '思明区建设局',
    };
    const assigned = await b.post(`/issues/${issueId}/remediations`, item, {
      'idempotency-key': 'assign-once',
    });
    const rid = assigned.body.remediationId;
    // A knows the item B assigned, and the key B was sent.
    const completed = await a.post(`/issues/${issueId}/remediations/${rid}/completion`, {
      reportedBy: '项目部',
    });
    expect(completed.status).toBe(201);
    const replay = await a.post(`/issues/${issueId}/remediations`, item, {
      'idempotency-key': 'assign-once',
    });
    expect(replay.body).toMatchObject({ remediationId: rid, revision: assigned.body.revision });

    expect(
      (
        await b.post(`/issues/${issueId}/remediations/${rid}/verification`, {
          verifiedBy: '局',
          accepted: true,
        })
      ).status,
    ).toBe(201);
    expect(
      (await a.post(`/issues/${issueId}/closure`, { closedBy: '工作组', resolution: '完成' })).status,
    ).toBe(201);
    // B knows the issue is closed: a second closure is refused, not appended.
    const again = await b.post(`/issues/${issueId}/closure`, { closedBy: '工作组', resolution: '再次' });
    expect(again.status).toBe(409);

    const history = (await b.get(`/issues/${issueId}/history`)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'IssueReported',
      'MeetingConvened',
      'MeetingConvened',
      'RemediationAssigned',
      'RemediationCompleted',
      'RemediationVerified',
      'IssueClosed',
    ]);
  });
});
