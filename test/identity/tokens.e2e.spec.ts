import {
  aReport,
  startTestApp,
  STORE_SETUPS,
  testConfig,
  TEST_PASSWORD,
  type TestApp,
} from '../e2e/test-app';
import {
  forgedToken,
  headOf,
  movableClock,
  tamperedPayload,
  unsigned,
  type MovableClock,
} from './identity-helpers';

/**
 * Tokens, as a client meets them: the bearer token and the session cookie work until they
 * expire (the engine's injected clock), are refused when forged, edited or unsigned, and end
 * at once on sign-out, when the user is disabled, moved, or its password changes. Refusals
 * answer 401 with WWW-Authenticate and append nothing.
 */
describe.each(STORE_SETUPS)('tokens (%s)', (store) => {
  let t: TestApp;
  let clock: MovableClock;

  beforeAll(async () => {
    clock = movableClock();
    t = await startTestApp(store, testConfig(store), clock);
  });
  afterAll(() => t.destroy());

  /** Sends a report with `headers` and expects 401 naming `why`, with nothing appended. */
  async function refusedWith(headers: Record<string, string>, why: RegExp) {
    const before = await headOf(t);
    const answer = await t.anonymous.post('/issues', aReport(), headers);
    expect({ status: answer.status, message: answer.body.message }).toEqual({
      status: 401,
      message: expect.stringMatching(why),
    });
    expect(answer.body.error).toBe('Unauthorized');
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(await headOf(t)).toBe(before);
  }

  it('no credentials: 401 saying how to sign in; /health and /docs stay open', async () => {
    await refusedWith({}, /sign in first: POST \/auth\/login/);
    expect((await t.anonymous.get('/issues')).status).toBe(401);
    expect((await t.anonymous.get('/health')).status).toBe(200);
    expect((await t.anonymous.get('/docs')).status).toBe(200);
    const openApi = (await t.anonymous.get('/docs-json')).body;
    expect(openApi.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
  });

  it('signs in and answers who it is; wrong passwords and unknown users get one message', async () => {
    const me = await t.get('/auth/me');
    expect(me.body).toMatchObject({
      kind: 'user',
      username: 'leader',
      actor: 'leader',
      role: 'leadership',
      district: null,
    });
    const wrong = await t.anonymous.post('/auth/login', { username: 'leader', password: 'Wrong-Pass-2023' });
    const nobody = await t.anonymous.post('/auth/login', {
      username: 'nobody-here',
      password: 'Wrong-Pass-2023',
    });
    expect([wrong.status, nobody.status]).toEqual([401, 401]);
    expect(wrong.body.message).toBe(nobody.body.message);
  });

  it('expires after AUTH_TOKEN_TTL (8 hours) by the engine clock', async () => {
    const user = await t.createUser({ username: 'expiring', role: 'division' });
    expect((await user.get('/auth/me')).status).toBe(200);
    clock.advance(8 * 3_600_000 + 1000);
    try {
      await refusedWith({ authorization: `Bearer ${user.token}` }, /expired/);
    } finally {
      clock.advance(-(8 * 3_600_000 + 1000));
    }
  });

  it('refuses a tampered payload, alg none, and a token signed with another key', async () => {
    const token = t.token!;
    await refusedWith(
      { authorization: `Bearer ${tamperedPayload(token, (c) => (c.sub = 'admin'))}` },
      /malformed or not signed by this engine/,
    );
    await refusedWith(
      { authorization: `Bearer ${unsigned(token)}` },
      /malformed or not signed by this engine/,
    );
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    await refusedWith(
      { authorization: `Bearer ${await forgedToken({ sid: claims.sid, ver: claims.ver, sub: 'leader' })}` },
      /malformed or not signed by this engine/,
    );
    await refusedWith({ authorization: 'Bearer not.a.token' }, /malformed/);
    await refusedWith(
      { authorization: `Basic ${Buffer.from('leader:x').toString('base64')}` },
      /Bearer <token>/,
    );
  });

  it('ends at once on sign-out', async () => {
    const user = await t.createUser({ username: 'signing-out', role: 'division' });
    const other = await t.signIn('signing-out');
    expect((await user.post('/auth/logout', undefined)).status).toBe(204);
    await refusedWith({ authorization: `Bearer ${user.token}` }, /revoked/);
    // Only that session: the user's other sign-in still works.
    expect((await other.get('/auth/me')).status).toBe(200);
  });

  it('ends at once when the user is disabled, moved to another district, or its password changes', async () => {
    const disabled = await t.createUser({ username: 'to-disable', role: 'work-group', district: 'jimei' });
    expect((await t.admin.request('PATCH', '/users/to-disable', { disabled: true })).status).toBe(200);
    await refusedWith({ authorization: `Bearer ${disabled.token}` }, /revoked/);
    expect(
      (await t.anonymous.post('/auth/login', { username: 'to-disable', password: TEST_PASSWORD })).status,
    ).toBe(401);

    const moved = await t.createUser({ username: 'to-move', role: 'work-group', district: 'jimei' });
    expect((await t.admin.request('PATCH', '/users/to-move', { district: 'tongan' })).body).toMatchObject({
      district: 'tongan',
    });
    await refusedWith({ authorization: `Bearer ${moved.token}` }, /revoked/);

    const renamed = await t.createUser({ username: 'to-rename', role: 'work-group', district: 'jimei' });
    await t.admin.request('PATCH', '/users/to-rename', { displayName: '集美组' });
    expect((await renamed.get('/auth/me')).body.displayName).toBe('集美组');

    const changing = await t.createUser({ username: 'changing', role: 'division' });
    const answer = await changing.post('/users/changing/password', {
      currentPassword: TEST_PASSWORD,
      password: 'Brand-New-Pass-2024',
    });
    expect(answer.status).toBe(204);
    await refusedWith({ authorization: `Bearer ${changing.token}` }, /revoked/);
    expect((await t.signIn('changing', 'Brand-New-Pass-2024')).token).toEqual(expect.any(String));
  });

  it('the session cookie is HttpOnly and SameSite=Strict; a write with it must come from the engine itself', async () => {
    const login = await t.anonymous.post('/auth/login', { username: 'leader', password: TEST_PASSWORD });
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^engine_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];

    expect((await t.anonymous.get('/auth/me', { cookie })).body).toMatchObject({ username: 'leader' });
    const before = await headOf(t);
    const foreign = await t.anonymous.post('/issues', aReport(), { cookie, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/must come from this engine's own pages/);
    const noOrigin = await t.anonymous.post('/issues', aReport(), { cookie });
    expect(noOrigin.status).toBe(403);
    expect(await headOf(t)).toBe(before);

    const own = await t.anonymous.post('/issues', aReport(), { cookie, origin: t.url });
    expect(own.status).toBe(201);
    // A token is not a cookie: scripts with a bearer token need no Origin.
    expect((await t.post('/issues', aReport(), { origin: 'https://elsewhere.example' })).status).toBe(201);
  });
});
