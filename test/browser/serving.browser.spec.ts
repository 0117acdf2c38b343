import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/** The engine serves the built page at / and under /app/, and the JSON API moves nothing. */
describe('the page served by the engine', () => {
  let web: WebHarness;
  // The first spec may build the page (web/dist) before the engine starts.
  beforeAll(async () => {
    web = await startWebHarness();
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('opens at / and at any of its own paths, as the same page', async () => {
    const { page, context } = await openIn(web, '/');
    expect(await page.locator('#root').count()).toBe(1);
    const deep = await page.goto(`${web.engine.url}/app/issues/some-issue?asOf=2023-04-01`);
    expect(deep?.status()).toBe(200);
    expect(deep?.headers()['content-type']).toMatch(/text\/html/);
    await context.close();
  });

  it('serves its bundle compressed and cacheable for good, and the page itself revalidated', async () => {
    const index = await fetch(`${web.engine.url}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(web.engine.url + script!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toMatch(/br|gzip/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the API answering JSON, its 404s included, even for a browser asking for HTML', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const unknownRoute = await fetch(`${web.engine.url}/no-such-route`, { headers: html });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toMatch(/application\/json/);
    expect(await unknownRoute.json()).toMatchObject({ statusCode: 404 });

    const signedIn = { ...html, authorization: `Bearer ${web.engine.token}` };
    const unknownIssue = await fetch(`${web.engine.url}/issues/does-not-exist`, { headers: signedIn });
    expect(unknownIssue.status).toBe(404);
    expect(unknownIssue.headers.get('content-type')).toMatch(/application\/json/);
    // Without signing in, the API says so in JSON too (the page is where one signs in).
    const anonymous = await fetch(`${web.engine.url}/issues/does-not-exist`, { headers: html });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/json/);

    const health = await fetch(`${web.engine.url}/health`);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
  });
});

async function openIn(web: WebHarness, route: string) {
  const context = await web.browser.newContext();
  const page = await context.newPage();
  const answer = await page.goto(web.engine.url + route);
  expect(answer?.status()).toBe(200);
  return { context, page };
}
