import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startTestApp, testConfig, type TestApp } from './test-app';

/** How the engine serves a web page from WEB_DIR, whatever is (or is not yet) built there. */
describe('the web page folder', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dir-'));
    t = await startTestApp('sqlite', testConfig('sqlite', undefined, undefined, { WEB_DIR: webDir }));
  });
  afterAll(async () => {
    await t.destroy();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('says how to build the page while there is none, and serves it once built, without a restart', async () => {
    const before = await t.get('/');
    expect(before.status).toBe(503);
    expect(before.body.message).toMatch(/npm run build/);

    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><script src="/assets/app-1.js"></script>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    fs.writeFileSync(path.join(webDir, 'assets', 'app-1.js.gz'), gzipSync('console.log(1)'));

    for (const route of ['/', '/app', '/app/issues/any-issue?asOf=2023-04-01']) {
      const page = await fetch(t.url + route);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('/assets/app-1.js');
    }
    const asset = await fetch(`${t.url}/assets/app-1.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('leaves every other path to the API, whose unknown routes still answer JSON 404s', async () => {
    const signedIn = { accept: 'text/html', authorization: `Bearer ${t.token}` };
    for (const route of ['/assets/missing.js', '/application', '/nope', '/issues/unknown']) {
      const answer = await fetch(t.url + route, { headers: signedIn });
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    }
    // The page is open to all (it is where one signs in); the API behind it is not.
    const anonymous = await fetch(`${t.url}/issues/unknown`, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/json/);
    expect((await fetch(t.url + '/')).status).toBe(200);
  });
});
