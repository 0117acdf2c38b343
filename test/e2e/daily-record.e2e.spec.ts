import { startTestApp, STORE_SETUPS, aReport, type Client, type TestApp } from './test-app';

const shanghaiDate = (time = new Date()) =>
  new Date(time.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * The daily record over real HTTP: commands through the generic path, sent by the group's own
 * work-group users (the policy's `record.write`), the list, the ranking.
 */
describe.each(STORE_SETUPS)('daily record (%s)', (store) => {
  let t: TestApp;
  const today = shanghaiDate();
  /** The work group of a district, signed in (its display name is the group's name). */
  const groups = new Map<string, Client>();
  const group = async (district: string, displayName = `${district} work group`) => {
    if (!groups.has(district))
      groups.set(
        district,
        await t.createUser({ username: `${district}-group`, role: 'work-group', district, displayName }),
      );
    return groups.get(district)!;
  };
  beforeAll(async () => {
    t = await startTestApp(store);
  });
  afterAll(() => t.destroy());

  it('records, corrects and withdraws entries, keeping both versions in the history', async () => {
    const tongan = await group('tongan', '驻同安区工作组');
    const issue = await t.post('/issues', aReport({ district: 'tongan', title: '塔吊安拆前条件核查不到位' }));
    const training = await tongan.post('/groups/tongan/record', {
      kind: 'training',
      date: today,
      topic: '安拆6个重点环节、主要结构日常检查8大要素',
      participants: 86,
      members: ['组长', '组员'],
      issueIds: [issue.body.issueId],
      recordedBy: '驻同安区工作组',
    });
    expect(training.status).toBe(201);
    expect(training.body).toMatchObject({ district: 'tongan', revision: 0, entryId: expect.any(String) });
    const entryId = training.body.entryId;

    const corrected = await tongan.post(`/groups/tongan/record/${entryId}/correction`, {
      reason: '人数统计有误',
      participants: 92,
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ entryId, revision: 1 });

    const list = await t.get(
      `/groups/tongan/record?from=${today}&to=${today}&minPosition=${corrected.body.position}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      entryId,
      status: 'corrected',
      participants: 92,
      kind: 'training',
    });
    expect(
      list.body.items[0].history.map((h: { type: string; reason: string | null }) => [h.type, h.reason]),
    ).toEqual([
      ['GroupActivityRecorded', null],
      ['GroupActivityCorrected', '人数统计有误'],
    ]);
    expect(list.body.items[0].history[0].fields.participants).toBe(86);

    const withdrawn = await tongan.post(`/groups/tongan/record/${entryId}/withdrawal`, {
      reason: '重复登记',
    });
    expect(withdrawn.status).toBe(201);
    // Who did it is the signed-in group; the person field defaults to its display name.
    const audit = await tongan.get(
      `/audit?district=tongan&type=GroupActivityWithdrawn&minPosition=${withdrawn.body.position}`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        type: 'GroupActivityWithdrawn',
        actor: 'tongan-group',
        actorRole: 'work-group',
        actorDistrict: 'tongan',
        district: 'tongan',
        data: expect.objectContaining({ withdrawnBy: '驻同安区工作组' }),
      }),
    ]);
    const again = await tongan.post(`/groups/tongan/record/${entryId}/correction`, {
      reason: 'x',
      participants: 1,
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/withdrawn and cannot be corrected/);
  });

  it('refuses what a user would not expect to pass, naming the field, and appends nothing', async () => {
    const siming = await group('siming');
    const head = (await t.get('/health')).body.eventStore.headPosition;
    const first = await siming.post('/groups/siming/record', {
      kind: 'on-site',
      date: today,
      site: '何厝片区',
    });
    expect(first.status).toBe(201);
    const refusals = [
      [
        await siming.post('/groups/siming/record', { kind: 'on-site', date: today }),
        409,
        /at most one day on site/,
      ],
      [
        await siming.post('/groups/siming/record', { kind: 'on-site', date: '2999-01-01' }),
        400,
        /date: .*future/,
      ],
      [await siming.post('/groups/siming/record', { kind: 'seminar', date: today }), 400, /topic/],
      [await siming.post('/groups/siming/record', { kind: 'on-site', date: today, days: 2 }), 400, /days/],
      [
        await siming.post('/groups/siming/record', {
          kind: 'training',
          date: today,
          topic: 'x',
          participants: -1,
        }),
        400,
        /participants/,
      ],
      [
        await siming.post('/groups/siming/record', { kind: 'party', date: today }),
        400,
        /kind must be one of/,
      ],
      [await t.post('/groups/nowhere/record', { kind: 'on-site', date: today }), 404, /no work group/],
      [
        await siming.post('/groups/siming/record', {
          kind: 'training',
          date: today,
          topic: 'x',
          issueIds: ['nope'],
        }),
        400,
        /issue nope does not exist/,
      ],
    ] as const;
    for (const [answer, status, message] of refusals) {
      expect(answer.status).toBe(status);
      expect(answer.body.message).toMatch(message);
    }
    expect((await t.get('/health')).body.eventStore.headPosition).toBe(head + 1);
  });

  it("is written by the group's own work group, division and leadership, and read by the bureau's roles", async () => {
    const entry = { kind: 'seminar', date: today, topic: '经验分享座谈会' };
    const huli = await group('huli');
    const bureau = await t.createUser({
      username: 'siming-bureau',
      role: 'district-bureau',
      district: 'siming',
    });
    const supervisor = await t.createUser({ username: 'supervisor', role: 'supervisor' });
    // Signing in appends (the session is in the log): the head is taken after.
    const head = (await t.get('/health')).body.eventStore.headPosition;
    const refusals = [
      [await huli.post('/groups/siming/record', entry), 403, /huli-group acts for huli; .*record of siming/],
      [
        await huli.post('/groups/siming/practices', { ...entry, direction: 'adopted-from-city', title: 'x' }),
        403,
        /acts for huli/,
      ],
      [await bureau.post('/groups/siming/record', entry), 403, /role district-bureau may not write/],
      [await supervisor.post('/groups/siming/record', entry), 403, /role supervisor may not write/],
      [await t.admin.post('/groups/siming/record', entry), 403, /role admin may not write/],
      [await t.admin.get('/groups/siming/record'), 403, /role admin may not read/],
      [await t.anonymous.get('/groups/siming/record'), 401, /./],
    ] as const;
    for (const [answer, status, message] of refusals) {
      expect({ status: answer.status, message: answer.body.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    expect((await t.get('/health')).body.eventStore.headPosition).toBe(head);
    // Another district's record is public inside the bureau (晾晒); a city role writes any group's.
    expect((await huli.get('/groups/siming/record')).status).toBe(200);
    expect((await bureau.get('/groups/tongan/practices')).status).toBe(200);
    const division = await t.createUser({
      username: 'division',
      role: 'division',
      displayName: '市建设局 质安处',
    });
    const byDivision = await division.post('/groups/haicang/record', { ...entry, date: today });
    expect(byDivision.status).toBe(201);
    const listed = await supervisor.get(`/groups/haicang/record?minPosition=${byDivision.body.position}`);
    expect(listed.body.items[0]).toMatchObject({ recordedBy: '市建设局 质安处' });
  });

  it('honours Idempotency-Key and If-Match like every command', async () => {
    const huli = await group('huli');
    const body = { kind: 'seminar', date: today, topic: '政策宣贯及经验分享座谈会' };
    const first = await huli.post('/groups/huli/record', body, { 'Idempotency-Key': 'huli-seminar-1' });
    const retry = await huli.post('/groups/huli/record', body, { 'Idempotency-Key': 'huli-seminar-1' });
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    const stale = await huli.post('/groups/huli/record', { ...body, topic: '另一场' }, { 'If-Match': '7' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/If-Match/);
    const practice = await huli.post('/groups/huli/practices', {
      direction: 'promoted-to-city',
      title: '信访联动机制',
      date: today,
    });
    expect(practice.status).toBe(201);
    expect(practice.body.practiceId).toEqual(expect.any(String));
  });

  it('adds the record to the ranking, scored by the published formula', async () => {
    const yesterday = daysBefore(today, 1);
    const last = await (
      await group('jimei')
    ).post('/groups/jimei/record', { kind: 'on-site', date: yesterday, days: 0.5 });
    const answer = await t.get(
      `/groups/performance?period=${today.slice(0, 7)}&minPosition=${last.body.position}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ period: today.slice(0, 7), formula: { version: '2023.1' } });
    expect(answer.body.formula.weights).toEqual({
      onTime: 30,
      overdue: 20,
      escalations: 15,
      onSite: 20,
      knowledge: 15,
    });
    const byDistrict = (d: string) => answer.body.rows.find((r: { district: string }) => r.district === d);
    const huli = byDistrict('huli');
    expect(huli.activities.seminar).toBe(1);
    expect(huli.practicesPromoted).toBe(1);
    expect(huli.activities.training).toBe(0);
    expect(byDistrict('tongan').activities.training).toBe(0); // withdrawn
    expect(byDistrict('siming').onSiteDays).toBe(1);
    if (yesterday.slice(0, 7) === today.slice(0, 7)) expect(byDistrict('jimei').onSiteDays).toBe(0.5);
    for (const row of answer.body.rows) {
      const sum = Object.values(row.scoreParts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(row.score).toBeCloseTo(sum, 2);
      expect(row).toHaveProperty('onSiteTarget');
      expect(row).toHaveProperty('weeksOnTarget');
    }
  });

  it('answers asOf a past time exactly as it answered then, whatever came after', async () => {
    const period = today.slice(0, 7);
    const head = (await t.get('/health')).body.eventStore.headPosition;
    const then = await t.get(`/groups/performance?period=${period}&minPosition=${head}`);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the next events are recorded later
    const issue = await t.post('/issues', aReport({ district: 'xiangan' }));
    await t.post(`/issues/${issue.body.issueId}/closure`, {
      closedBy: '驻翔安区工作组',
      resolution: '现场整改完成',
    });
    const last = await (
      await group('xiangan')
    ).post('/groups/xiangan/record', { kind: 'exchange', date: today, topic: '跟班学习' });
    const later = await t.get(
      `/groups/performance?period=${period}&asOf=${encodeURIComponent(then.body.asOf)}`,
    );
    expect(later.status).toBe(200);
    expect(later.body).toEqual(then.body);
    const now = await t.get(`/groups/performance?period=${period}&minPosition=${last.body.position}`);
    expect(now.body.rows).not.toEqual(then.body.rows);
    expect((await t.get(`/groups/performance?period=${period}&asOf=2999-01-01T00:00:00Z`)).status).toBe(400);
  });
});
