import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { headOf } from './identity-helpers';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const REGISTER_TS = path.join(ROOT, 'test', 'event-store', 'fixtures', 'register-ts.js');

/** `npm run users:add` / `users:password`, as an operator without HTTP runs them (the script itself). */
const users = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['-r', REGISTER_TS, path.join(ROOT, 'src', 'scripts', 'users.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', ...env },
  });

describe('users from the command line', () => {
  let t: TestApp;
  afterAll(() => t?.destroy());

  it('adds a user into the engine store (a running engine sees it at once) and resets a password', async () => {
    const config = testConfig('sqlite');
    t = await startTestApp('sqlite', config);
    const added = await users(config.dataDir, [
      'add',
      '--username',
      'xiangan-group',
      '--display-name',
      '驻翔安区工作组',
      '--role',
      'work-group',
      '--district',
      'xiangan',
    ]);
    const password = /password: (\S+)/.exec(added.stdout)?.[1];
    expect(password).toEqual(expect.any(String));
    const group = await t.signIn('xiangan-group', password);
    expect((await group.get('/auth/me')).body).toMatchObject({ role: 'work-group', district: 'xiangan' });
    // Recorded as the operator who ran it.
    const actor = encodeURIComponent(`cli:${os.userInfo().username}`);
    const trail = await t.admin.get(`/audit?type=UserCreated&actor=${actor}&minPosition=${await headOf(t)}`);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ username: 'xiangan-group' }) }),
    ]);

    await users(config.dataDir, ['password', '--username', 'xiangan-group'], {
      USER_PASSWORD: 'From-The-Cli-2023',
    });
    expect((await group.get('/auth/me')).status).toBe(401);
    expect((await t.signIn('xiangan-group', 'From-The-Cli-2023')).token).toEqual(expect.any(String));

    await expect(
      users(config.dataDir, ['add', '--username', 'x', '--display-name', 'x', '--role', 'work-group']),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/username: must be 2 to 64|district/) });
  });
});
