import { aReport, startTestApp, STORE_SETUPS, testConfig, type Client, type TestApp } from '../e2e/test-app';
import { LiveStream } from './live-stream-client';

/**
 * GET /live over real HTTP: what each reader is told, resuming from Last-Event-ID, the
 * heartbeat, and the refusals. The projector feeds it after each applied batch, so every
 * position told can be read back from the projections at once.
 */
describe.each(STORE_SETUPS)('the live stream (%s)', (store) => {
  let t: TestApp;
  let siming: Client;
  const open: LiveStream[] = [];
  const stream = async (
    ...args: Parameters<typeof LiveStream.open> extends [any, ...infer R] ? R : never
  ) => {
    const s = await LiveStream.open(t.url, ...args);
    open.push(s);
    return s;
  };
  const report = async (district: string, title = `${district} 现场问题`) => {
    const answer = await t.post('/issues', aReport({ district, title }));
    expect(answer.status).toBe(201);
    return answer.body as { issueId: string; position: number };
  };

  beforeAll(async () => {
    t = await startTestApp(store, testConfig(store, undefined, undefined, { LIVE_HEARTBEAT_MS: '200' }));
    siming = await t.createUser({ username: 'siming-group', role: 'work-group', district: 'siming' });
  });
  afterEach(() => open.splice(0).forEach((s) => s.close()));
  afterAll(() => t?.destroy());

  it('refuses the anonymous (401), a role that reads no issue (403) and a Last-Event-ID it never gave (400)', async () => {
    const anonymous = await stream(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.refusal.message).toMatch(/sign in/);
    const admin = await stream(t.admin);
    expect(admin.status).toBe(403);
    expect(admin.refusal.message).toBe('role admin may not read issues');
    const bad = await stream(t, { lastEventId: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.refusal.message).toMatch(/Last-Event-ID must be the id of a message/);
    expect((await stream(t, { after: -1 })).status).toBe(400);
  });

  it('opens as an event stream that says where it starts, and tells each event once the board shows it', async () => {
    const s = await stream(t);
    expect(s.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(s.headers.get('cache-control')).toBe('no-cache, no-transform');
    const ready = await s.next((m) => m.event === 'ready', 'ready');
    expect(Number(ready.id)).toBe(ready.data.position);

    const { issueId, position } = await report('haicang', '海沧 实时');
    const told = await s.next((m) => m.event === 'issue' && m.data.issueId === issueId, 'the report');
    expect(told).toEqual({
      id: String(position),
      event: 'issue',
      data: { position, type: 'IssueReported', issueId, district: 'haicang', recordedAt: expect.any(String) },
    });
    // Told after the projections applied it: the board has it without waiting.
    const view = await t.get(`/issues/${issueId}`);
    expect(view.status).toBe(200);
    expect(view.body.title).toBe('海沧 实时');
  });

  it("tells a district reader its own district's events only, later events of an issue included", async () => {
    const mine = await stream(siming);
    const city = await stream(t);
    await mine.next((m) => m.event === 'ready', 'ready');
    await city.next((m) => m.event === 'ready', 'ready');
    const own = await report('siming');
    const other = await report('huli');
    // A later event names no district: it is placed by the issue's report.
    const meeting = await t.post(`/issues/${own.issueId}/meetings`, {
      kind: 'site-coordination',
      heldAt: new Date().toISOString(),
      attendees: ['思明区建设局'],
    });
    expect(meeting.status).toBe(201);
    const last = await report('huli');

    await city.next((m) => m.data.position === last.position, 'the last report');
    await mine.next((m) => m.event === 'position' && m.data.position >= last.position, 'the heartbeat');
    expect(mine.issueEvents().map((e) => [e.issueId, e.type, e.district])).toEqual([
      [own.issueId, 'IssueReported', 'siming'],
      [own.issueId, 'MeetingConvened', 'siming'],
    ]);
    expect(city.issueEvents().map((e) => e.issueId)).toEqual([
      own.issueId,
      other.issueId,
      own.issueId,
      last.issueId,
    ]);
    // The heartbeat moved the reader's id past what it may not see, so a reconnect starts there.
    expect(Number(mine.lastEventId())).toBeGreaterThanOrEqual(last.position);
  });

  it('resumes after a reconnect from Last-Event-ID with nothing missed and nothing twice, while events keep coming', async () => {
    const whole = await stream(t);
    await whole.next((m) => m.event === 'ready', 'ready');
    const first = await stream(t);
    await first.next((m) => m.event === 'ready', 'ready');
    const before = await report('jimei');
    await first.next((m) => m.data.position === before.position, 'the first report');
    first.close();
    const lastEventId = first.lastEventId()!;
    expect(lastEventId).toBe(String(before.position));

    // Reports go on while the reader is away and while it reconnects.
    const writing = (async () => {
      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await report(i % 2 ? 'jimei' : 'tongan', `连续 ${i}`));
      return answers;
    })();
    await new Promise((resolve) => setImmediate(resolve));
    const again = await stream(t, { lastEventId });
    const answers = await writing;
    const end = answers[answers.length - 1].position;
    await again.next((m) => m.event === 'issue' && m.data.position === end, 'the last report');
    await whole.next((m) => m.event === 'issue' && m.data.position === end, 'the last report');

    const positions = (s: LiveStream) => s.issueEvents().map((e) => e.position as number);
    const resumed = positions(again);
    expect([...positions(first), ...resumed]).toEqual(positions(whole).filter((p) => p <= end));
    expect(resumed).toEqual(answers.map((a) => a.position));
    expect(new Set(resumed).size).toBe(resumed.length);
    // `ready` came in order: after what was replayed, before what was told live.
    const ready = again.messages.findIndex((m) => m.event === 'ready');
    expect(
      again.messages.slice(0, ready).every((m) => Number(m.id) <= Number(again.messages[ready].id)),
    ).toBe(true);
  });

  it('starts after ?after= when there is no Last-Event-ID, and says reset for an id beyond the log', async () => {
    const { position } = await report('xiangan');
    const from = await stream(t, { after: position - 1 });
    const told = await from.next((m) => m.event === 'issue', 'the replayed report');
    expect(told.data.position).toBe(position);
    const ahead = await stream(t, { lastEventId: String(position + 1_000_000) });
    const reset = await ahead.next((m) => m.event === 'reset', 'reset');
    expect(reset.data.position).toBeLessThanOrEqual(position + 10);
  });

  it("ends a reader's stream once its session ends (signed out)", async () => {
    const leaving = await t.createUser({ username: 'leaving-group', role: 'work-group', district: 'siming' });
    const s = await stream(leaving);
    await s.next((m) => m.event === 'ready', 'ready');
    expect((await leaving.post('/auth/logout', {})).status).toBe(204);
    await s.next((m) => m.event === 'signed-out', 'signed-out');
    await s.end();
  });

  it('ends every open stream when the engine stops, so it stops at once', async () => {
    const s = await stream(t);
    await s.next((m) => m.event === 'ready', 'ready');
    await t.close();
    await s.end();
  });
});

/** Two engines on one PostgreSQL schema: the one that follows the other's projections is live too. */
describe('the live stream of an engine that follows another’s projections (postgres)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const config = testConfig('postgres');
    a = await startTestApp('postgres', config);
    b = await startTestApp('postgres', { ...config });
  });
  afterAll(async () => {
    await a?.close();
    await b?.destroy();
  });

  it('tells what the leader applied, read from the log, and resumes there too', async () => {
    const roles = async () => [
      (await a.get('/health')).body.projections.role,
      (await b.get('/health')).body.projections.role,
    ];
    for (let i = 0; i < 100 && !(await roles()).includes('leader'); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const [leader, follower] = (await roles())[0] === 'leader' ? [a, b] : [b, a];
    expect((await follower.get('/health')).body.projections.role).toBe('follower');

    const s = await LiveStream.open(follower.url, follower);
    try {
      await s.next((m) => m.event === 'ready', 'ready');
      const sent = [];
      for (const district of ['tongan', 'siming', 'tongan'])
        sent.push(await leader.post('/issues', aReport({ district })));
      const last = sent[sent.length - 1].body.position as number;
      await s.next((m) => m.event === 'issue' && m.data.position === last, 'the last report');
      expect(s.issueEvents().map((e) => e.position)).toEqual(sent.map((answer) => answer.body.position));
    } finally {
      s.close();
    }
    const again = await LiveStream.open(follower.url, follower, { lastEventId: '0' });
    try {
      await again.next((m) => m.event === 'ready', 'ready');
      expect(again.issueEvents().length).toBeGreaterThanOrEqual(3);
    } finally {
      again.close();
    }
  });
});
