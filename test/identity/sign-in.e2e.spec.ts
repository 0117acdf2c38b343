import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { startTestApp, STORE_SETUPS, testConfig, TEST_PASSWORD, type TestApp } from '../e2e/test-app';
import { headOf, movableClock, type MovableClock } from './identity-helpers';

const wrong = (username: string) => ({ username, password: 'Not-The-Password-1' });

describe.each(STORE_SETUPS)('sign-in failures (%s)', (store) => {
  let t: TestApp;
  let clock: MovableClock;

  beforeAll(async () => {
    clock = movableClock();
    t = await startTestApp(store, testConfig(store), clock);
  });
  afterAll(() => t.destroy());

  it('locks a user after 5 refusals in 15 minutes (429, even with the right password), audited, until the lock ends', async () => {
    await t.createUser({ username: 'huli-group', role: 'work-group', district: 'huli' });
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.post('/auth/login', wrong('huli-group'))).status).toBe(401);
    }
    const locked = await t.anonymous.post('/auth/login', { username: 'huli-group', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      error: 'Too Many Requests',
      message: expect.stringMatching(/locked until/),
    });
    // Tries while locked are answered without being recorded.
    const head = await headOf(t);
    expect((await t.anonymous.post('/auth/login', wrong('huli-group'))).status).toBe(429);
    expect(await headOf(t)).toBe(head);

    const supervisor = await t.createUser({ username: 'inspector', role: 'supervisor' });
    const trail = (await supervisor.get(`/audit?type=UserLockedOut&actor=anonymous&minPosition=${head}`)).body
      .items;
    expect(trail).toEqual([
      expect.objectContaining({
        type: 'UserLockedOut',
        data: expect.objectContaining({ username: 'huli-group', failures: 5 }),
      }),
    ]);
    const refusals = (await supervisor.get(`/audit?type=SignInRefused&minPosition=${head}`)).body.items;
    expect(refusals).toHaveLength(5);
    expect(JSON.stringify(refusals)).not.toMatch(/passwordHash|argon2/);

    clock.advance(15 * 60_000 + 1000);
    try {
      expect(
        (await t.anonymous.post('/auth/login', { username: 'huli-group', password: TEST_PASSWORD })).status,
      ).toBe(200);
    } finally {
      clock.advance(-(15 * 60_000 + 1000));
    }
  });

  it('records refusals for unknown usernames, readable by admin and supervisor only', async () => {
    const before = await headOf(t);
    expect((await t.anonymous.post('/auth/login', wrong('ghost-user'))).status).toBe(401);
    const item = expect.objectContaining({
      type: 'UnknownSignInRefused',
      actor: 'anonymous',
      data: expect.objectContaining({ username: 'ghost-user', address: expect.any(String) }),
    });
    expect(
      (await t.admin.get(`/audit?type=UnknownSignInRefused&minPosition=${before + 1}`)).body.items,
    ).toEqual([item]);
    const division = await t.createUser({ username: 'division-1', role: 'division' });
    expect(
      (await division.get(`/audit?type=UnknownSignInRefused&minPosition=${before + 1}`)).body.items,
    ).toEqual([]);
  });

  it('records at most 5 unknown-username refusals from one address per 15 minutes: a flood fills no log', async () => {
    clock.advance(60 * 60_000);
    try {
      const before = await headOf(t);
      for (let i = 0; i < 20; i++) await t.anonymous.post('/auth/login', wrong(`flood-${i}`));
      expect((await headOf(t)) - before).toBe(5);
    } finally {
      clock.advance(-60 * 60_000);
    }
  });
});

describe('the sign-in rate limit per client address (AUTH_LOGIN_RATE)', () => {
  it('answers 429 beyond the limit, for known and unknown usernames alike', async () => {
    const t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { AUTH_LOGIN_RATE: '4' }),
    );
    try {
      // startTestApp signed in admin and leader: two of the four tries this minute.
      expect((await t.anonymous.post('/auth/login', wrong('leader'))).status).toBe(401);
      expect((await t.anonymous.post('/auth/login', wrong('nobody'))).status).toBe(401);
      const limited = await t.anonymous.post('/auth/login', { username: 'leader', password: TEST_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/too many sign-in tries from this address/),
      });
      expect(limited.headers.get('retry-after')).toEqual(expect.any(String));
      // Only sign-in is limited: a signed-in client works on.
      expect((await t.get('/auth/me')).status).toBe(200);
    } finally {
      await t.destroy();
    }
  });
});

describe('client addresses behind a proxy (TRUST_PROXY)', () => {
  const exhaust = async (t: TestApp, forwardedFor: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await t.anonymous.post('/auth/login', wrong('nobody'), { 'x-forwarded-for': forwardedFor })).status,
      );
    }
    return statuses;
  };

  it('counts the rate limit per forwarded address only when the proxy is trusted', async () => {
    const trusted = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { AUTH_LOGIN_RATE: '3', TRUST_PROXY: 'true' }),
    );
    const untrusted = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { AUTH_LOGIN_RATE: '5' }),
    );
    try {
      expect(await exhaust(trusted, '203.0.113.7')).toEqual([401, 401, 401, 429]);
      // Another client behind the same proxy has its own budget.
      expect(
        (await trusted.anonymous.post('/auth/login', wrong('nobody'), { 'x-forwarded-for': '203.0.113.8' }))
          .status,
      ).toBe(401);
      // Untrusted, the header is ignored: both "clients" are the one loopback address (two tries went to startTestApp).
      expect(await exhaust(untrusted, '203.0.113.7')).toEqual([401, 401, 401, 429]);
    } finally {
      await trusted.destroy();
      await untrusted.destroy();
    }
  });
});

describe('the initial admin', () => {
  let lines: string[];
  let log: jest.SpyInstance;
  beforeEach(() => {
    lines = [];
    log = jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation((message: unknown) => void lines.push(String(message)));
  });
  afterEach(() => log.mockRestore());

  it('a fresh engine creates admin, writes its password owner-only to DATA_DIR/initial-admin-password, and logs where (not what)', async () => {
    const config = testConfig('sqlite', undefined, undefined, { ADMIN_PASSWORD: '' });
    const file = path.join(config.dataDir, 'initial-admin-password');
    const t = await startTestApp('sqlite', config);
    try {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = fs.readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^\S{20}$/);
      expect(lines.filter((l) => l.includes(file))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(password);
      expect((await t.admin.get('/auth/me')).body).toMatchObject({ username: 'admin', role: 'admin' });

      // The next start keeps the account and the file, and says again where it is.
      await t.close();
      lines.length = 0;
      const again = await startTestApp('sqlite', config);
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
      expect(lines.some((l) => l.includes(`the initial admin password is in ${file}`))).toBe(true);
      await again.destroy();
    } finally {
      await t.destroy();
    }
  });

  it('ADMIN_PASSWORD sets the password instead, and no file is written', async () => {
    const t = await startTestApp('sqlite');
    try {
      expect(fs.existsSync(path.join(t.config.dataDir, 'initial-admin-password'))).toBe(false);
      expect(lines.some((l) => l.includes('created user admin with the password from ADMIN_PASSWORD'))).toBe(
        true,
      );
    } finally {
      await t.destroy();
    }
  });

  it('refuses to start on an ADMIN_PASSWORD that breaks the password rule', async () => {
    const config = testConfig('sqlite', undefined, undefined, { ADMIN_PASSWORD: 'short' });
    await expect(startTestApp('sqlite', config)).rejects.toThrow(
      /ADMIN_PASSWORD: must be 10 to 200 characters/,
    );
    fs.rmSync(config.dataDir, { recursive: true, force: true });
  });
});
