import { aReport, clientFor, startTestApp, testConfig, TEST_PASSWORD, type TestApp } from '../e2e/test-app';

/**
 * Two engines on one PostgreSQL schema, each with its own DATA_DIR and no AUTH_SIGNING_KEY:
 * the signing key the first generated lives in the shared store, so each engine accepts the
 * other's tokens and cursors, and a sign-out, a disabled user or a lock-out on one counts on
 * the other at once (no waiting for a projection).
 */
describe('two engines sharing PostgreSQL, no AUTH_SIGNING_KEY', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const config = testConfig('postgres');
    a = await startTestApp('postgres', config);
    b = await startTestApp(
      'postgres',
      testConfig('postgres', undefined, config.databaseSchema, {
        ESCALATION_QUEUE_PREFIX: config.escalation.queuePrefix,
      }),
    );
    expect(b.config.dataDir).not.toBe(a.config.dataDir);
  });
  afterAll(async () => {
    await a.close();
    await b.destroy();
  });

  const on = (engine: TestApp, token: string | null) => clientFor(engine.url, null, token);

  it('accepts a token and a cursor of the other engine', async () => {
    const user = await a.createUser({ username: 'tongan-group', role: 'work-group', district: 'tongan' });
    const report = await on(b, user.token).post('/issues', aReport({ district: 'tongan' }));
    expect(report.status).toBe(201);
    await on(b, user.token).post('/issues', aReport({ district: 'tongan' }));
    const page = await on(a, user.token).get(`/issues?limit=1&minPosition=${report.body.position + 1}`);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await on(b, user.token).get(
      `/issues?limit=1&cursor=${page.body.nextCursor}&minPosition=${report.body.position + 1}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(1);
  });

  it('a sign-out on one engine ends the token on the other at once', async () => {
    const user = await a.createUser({ username: 'leaving', role: 'division' });
    expect((await on(b, user.token).get('/auth/me')).status).toBe(200);
    expect((await on(b, user.token).post('/auth/logout', undefined)).status).toBe(204);
    expect((await on(a, user.token).get('/auth/me')).status).toBe(401);
  });

  it('a user disabled on one engine is refused on the other at once', async () => {
    const user = await b.createUser({ username: 'disabled-elsewhere', role: 'supervisor' });
    expect((await on(a, user.token).get('/issues')).status).toBe(200);
    expect((await a.admin.request('PATCH', '/users/disabled-elsewhere', { disabled: true })).status).toBe(
      200,
    );
    expect((await on(b, user.token).get('/issues')).status).toBe(401);
  });

  it('a lock-out earned on one engine holds on the other', async () => {
    await a.createUser({ username: 'guessed', role: 'division' });
    const engines = [a, b];
    for (let i = 0; i < 5; i++) {
      const answer = await engines[i % 2].anonymous.post('/auth/login', {
        username: 'guessed',
        password: 'Wrong-Pass-2023',
      });
      expect(answer.status).toBe(401);
    }
    for (const engine of engines) {
      expect(
        (await engine.anonymous.post('/auth/login', { username: 'guessed', password: TEST_PASSWORD })).status,
      ).toBe(429);
    }
  });
});
