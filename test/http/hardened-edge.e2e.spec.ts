import { aReport, startTestApp, STORE_SETUPS, testConfig, type TestApp } from '../e2e/test-app';
import { headOf } from '../identity/identity-helpers';

/**
 * Each finding of the malformed-request run, as the person who sent it would see the answer:
 * a clear 4xx naming the problem, nothing appended. Plus the security headers and CORS.
 */
describe.each(STORE_SETUPS)('the hardened HTTP edge (%s)', (store) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(store);
  });
  afterAll(() => t.destroy());

  async function refused(
    body: string,
    status: number,
    message: RegExp,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    route = '/issues',
  ) {
    const before = await headOf(t);
    const answer = await t.request('POST', route, body, headers);
    expect({ status: answer.status, message: answer.body?.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(await headOf(t)).toBe(before);
    return answer.body;
  }

  it('refuses a body of 3,000 nested arrays with 400 before validation', async () => {
    await refused('['.repeat(3000) + ']'.repeat(3000), 400, /nests deeper than 32 levels/);
    await refused(
      JSON.stringify({ ...aReport(), site: JSON.parse('['.repeat(40) + ']'.repeat(40)) }),
      400,
      /nests deeper/,
    );
  });

  it('names fields called like object members (toString, valueOf, constructor, hasOwnProperty, prototype, __proto__) as unknown', async () => {
    for (const name of ['toString', 'valueOf', 'constructor', 'hasOwnProperty', 'prototype', '__proto__']) {
      const body = await refused(
        JSON.stringify(aReport()).replace('{', `{"${name}":"x",`),
        400,
        new RegExp(`^${name.replace(/_/g, '_')} is not a known field`),
      );
      expect(body.fields).toEqual([
        { field: name, messages: [`${name} is not a known field; remove it or check its spelling`] },
      ]);
    }
  });

  it('accepts only application/json: a form post, text and anything else get 415 Unsupported Media Type', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const body = await refused('title=x&category=key-project', 415, /only application\/json/, {
        'content-type': type,
      });
      expect(body.error).toBe('Unsupported Media Type');
    }
    expect(
      (
        await t.request('POST', '/issues', JSON.stringify(aReport()), {
          'content-type': 'application/json; charset=utf-8',
        })
      ).status,
    ).toBe(201);
  });

  it('refuses required text that is blank once NUL, zero-width spaces and BOMs are removed', async () => {
    await refused(
      JSON.stringify(aReport({ title: '\u200b\u200c\ufeff \u2060' })),
      400,
      /title must not be blank/,
    );
    await refused(JSON.stringify(aReport({ title: '\u0000' })), 400, /title must not contain NUL/);
    await refused(JSON.stringify(aReport()).replace('"title":"', '"title":"\\ud800'), 400, /broken Unicode/);
  });

  it('answers an over-long id 404 like any unknown id, with the engine error shape', async () => {
    const long = 'a'.repeat(5000);
    const read = await t.get(`/issues/${long}`);
    expect(read).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
    expect(read.body.message.length).toBeLessThan(200);
    expect((await t.get(`/issues/${long}/history`)).status).toBe(404);
    await refused(
      JSON.stringify({ reason: 'r' }),
      404,
      /does not exist/,
      { 'content-type': 'application/json' },
      `/issues/${long}/escalations`,
    );
  });

  it('gives 413 its proper title', async () => {
    const body = await refused(
      JSON.stringify({ ...aReport(), description: 'x'.repeat(2_100_000) }),
      413,
      /too large/i,
    );
    expect(body.error).toBe('Payload Too Large');
  });

  it('takes only cursors it gave out', async () => {
    const first = await t.post('/issues', aReport({ district: 'tongan' }));
    const second = await t.post('/issues', aReport({ district: 'tongan' }));
    const page = await t.get(`/issues?district=tongan&limit=1&minPosition=${second.body.position}`);
    const cursor = page.body.nextCursor as string;
    expect((await t.get(`/issues?district=tongan&limit=1&cursor=${cursor}`)).body.items[0].id).toBe(
      first.body.issueId,
    );
    const forged = Buffer.from(JSON.stringify(['2000-01-01T00:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of [forged, cursor.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), cursor.split('.')[0]]) {
      const answer = await t.get(`/issues?district=tongan&limit=1&cursor=${bad}`);
      expect(answer).toMatchObject({
        status: 400,
        body: { fields: [expect.objectContaining({ field: 'cursor' })] },
      });
    }
    // A board cursor is not an audit cursor.
    expect((await t.get(`/audit?cursor=${cursor}`)).status).toBe(400);
  });

  it('refuses unknown query keys such as __proto__ and constructor, and says when a key is given twice', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'colour']) {
      const answer = await t.get(`/issues?${key}=1`);
      expect(answer).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(new RegExp(`^${key} `)) },
      });
    }
    const twice = await t.get('/groups/performance?period=2023&period=2023-Q1');
    expect(twice).toMatchObject({ status: 400, body: { message: 'period was given 2 times; give it once' } });
  });

  it('sends security headers and no CORS header unless CORS_ORIGINS names the origin', async () => {
    const answer = await t.get('/issues', { origin: 'https://elsewhere.example' });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answer.headers.get('x-powered-by')).toBeNull();
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.anonymous.request('OPTIONS', '/issues', undefined, {
      origin: 'https://elsewhere.example',
      'access-control-request-method': 'POST',
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS with CORS_ORIGINS', () => {
  it('answers the named origin only', async () => {
    const t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { CORS_ORIGINS: 'https://board.example.org' }),
    );
    try {
      const named = await t.anonymous.request('OPTIONS', '/issues', undefined, {
        origin: 'https://board.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      });
      expect(named.headers.get('access-control-allow-origin')).toBe('https://board.example.org');
      expect(named.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
      const other = await t.get('/issues', { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.destroy();
    }
  });
});
