import { aReport, startTestApp, STORE_SETUPS, TEST_PASSWORD, type TestApp } from '../e2e/test-app';
import { headOf } from './identity-helpers';

describe.each(STORE_SETUPS)('users and API keys (%s)', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(store);
  });
  afterAll(() => t.destroy());

  it('admin creates users (409 for a taken name), lists them without any hash, and the rule for passwords is enforced', async () => {
    const created = await t.admin.post('/users', {
      username: 'siming-group',
      displayName: '驻思明区工作组',
      role: 'work-group',
      district: 'siming',
      password: TEST_PASSWORD,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { username: 'siming-group', role: 'work-group', district: 'siming', disabled: false },
    });
    const taken = await t.admin.post('/users', {
      username: 'siming-group',
      displayName: 'x',
      role: 'division',
      password: TEST_PASSWORD,
    });
    expect(taken).toMatchObject({ status: 409, body: { message: 'username siming-group is taken' } });
    const weak = await t.admin.post('/users', {
      username: 'weak',
      displayName: 'x',
      role: 'division',
      password: 'password12',
    });
    expect(weak).toMatchObject({
      status: 400,
      body: { fields: [expect.objectContaining({ field: 'password' })] },
    });
    const noDistrict = await t.admin.post('/users', {
      username: 'nod',
      displayName: 'x',
      role: 'work-group',
      password: TEST_PASSWORD,
    });
    expect(noDistrict.body.fields).toEqual([expect.objectContaining({ field: 'district' })]);

    const list = await t.admin.get(`/users?minPosition=${created.body.position}`);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual([
      'admin',
      'leader',
      'siming-group',
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash|password"/);
  });

  it('nobody but admin manages users; a user changes its own password only with the current one', async () => {
    const group = await t.signIn('siming-group');
    const before = await headOf(t);
    const refused = await group.post('/users', {
      username: 'x1',
      displayName: 'x',
      role: 'division',
      password: TEST_PASSWORD,
    });
    expect(refused).toMatchObject({ status: 403, body: { message: 'role work-group may not manage users' } });
    expect((await group.get('/users')).status).toBe(403);
    expect((await group.post('/users/leader/password', { password: 'Another-Pass-2023' })).status).toBe(403);
    const missing = await group.post('/users/siming-group/password', { password: 'Another-Pass-2023' });
    expect(missing.body.fields).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const wrong = await group.post('/users/siming-group/password', {
      password: 'Another-Pass-2023',
      currentPassword: 'Wrong-Pass-2023',
    });
    expect(wrong.status).toBe(400);
    expect(await headOf(t)).toBe(before);
  });

  it('an admin may not disable itself or drop its own admin role', async () => {
    expect((await t.admin.request('PATCH', '/users/admin', { disabled: true })).status).toBe(409);
    expect((await t.admin.request('PATCH', '/users/admin', { role: 'division' })).status).toBe(409);
    expect((await t.admin.request('PATCH', '/users/nobody', { disabled: true })).status).toBe(404);
  });

  it('API keys: created and shown once, used as X-Api-Key with their role and district, listed without the key, revoked at once', async () => {
    const created = await t.admin.post('/api-keys', {
      name: '12345 热线转办',
      role: 'district-bureau',
      district: 'huli',
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        key: expect.stringMatching(/^eek_/),
        role: 'district-bureau',
      },
    });
    const { id, key } = created.body;
    const asKey = { 'x-api-key': key };

    const me = await t.anonymous.get('/auth/me', asKey);
    expect(me.body).toMatchObject({
      kind: 'api-key',
      keyId: id,
      actor: `key:${id}`,
      role: 'district-bureau',
      district: 'huli',
    });
    const report = aReport({ district: 'huli', source: 'referral', reportedBy: undefined });
    const reported = await t.anonymous.post('/issues', report, asKey);
    expect(reported.status).toBe(201);
    const history = (await t.get(`/issues/${reported.body.issueId}/history`)).body;
    expect(history[0]).toMatchObject({
      actor: `key:${id}`,
      actorRole: 'district-bureau',
      actorDistrict: 'huli',
      data: { reportedBy: '12345 热线转办' },
    });
    // Its role and district hold like a user's.
    expect((await t.anonymous.post('/issues', aReport({ district: 'siming' }), asKey)).status).toBe(403);

    const list = await t.admin.get(`/api-keys?minPosition=${reported.body.position}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id, name: '12345 热线转办', revoked: false, createdBy: 'admin' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(key.slice(-20));
    expect(JSON.stringify(list.body)).not.toMatch(/keyHash/);

    expect((await t.admin.request('DELETE', `/api-keys/${id}`)).status).toBe(204);
    const revoked = await t.anonymous.get('/auth/me', asKey);
    expect(revoked).toMatchObject({ status: 401, body: { message: 'the API key is unknown or revoked' } });
    expect((await t.anonymous.get('/auth/me', { 'x-api-key': `${key.slice(0, -1)}x` })).status).toBe(401);
    expect((await t.anonymous.get('/auth/me', { 'x-api-key': 'nonsense' })).status).toBe(401);
    expect((await t.admin.request('DELETE', '/api-keys/0000000000000000')).status).toBe(404);
    expect((await t.admin.post('/api-keys', { name: 'root', role: 'admin' })).status).toBe(400);
  });

  it('every change to users and keys is in /audit for admin and supervisor, with no hash; other roles do not see it', async () => {
    const supervisor = await t.createUser({ username: 'inspector', role: 'supervisor' });
    const head = await headOf(t);
    for (const reader of [t.admin, supervisor]) {
      const trail = (await reader.get(`/audit?limit=500&minPosition=${head}`)).body.items as Array<{
        type: string;
        data: unknown;
      }>;
      const types = new Set(trail.map((i) => i.type));
      for (const type of ['UserCreated', 'UserSignedIn', 'ApiKeyCreated', 'ApiKeyRevoked'])
        expect(types).toContain(type);
      expect(JSON.stringify(trail)).not.toMatch(/argon2|passwordHash|keyHash|"key"/);
    }
    // The admin reads no issue events (separation of duties); the supervisor reads both.
    expect((await t.admin.get('/audit?type=IssueReported')).body.items).toEqual([]);
    expect((await supervisor.get('/audit?type=IssueReported')).body.items.length).toBeGreaterThan(0);
    const leaderTrail = (await t.get('/audit?limit=500')).body.items as Array<{ type: string }>;
    expect(leaderTrail.some((i) => i.type.startsWith('User') || i.type.startsWith('ApiKey'))).toBe(false);
    expect((await t.admin.get('/issues')).status).toBe(403);
  });
});
