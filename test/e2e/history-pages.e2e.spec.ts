import { aReport, startTestApp, STORE_SETUPS, type TestApp } from './test-app';

/**
 * GET /issues/:id/history in pages: the contract's plain list stays the answer (the whole
 * history without `limit` and `cursor`); with `limit` it is one page, the next one named by
 * `X-Next-Cursor` and a `Link: <…>; rel="next"` header until the last page.
 */
describe.each(STORE_SETUPS)('issue history pages (%s)', (store) => {
  let t: TestApp;
  let issueId: string;
  beforeAll(async () => {
    t = await startTestApp(store);
    issueId = (await t.post('/issues', aReport())).body.issueId;
    for (let i = 0; i < 6; i++) {
      const meeting = await t.post(`/issues/${issueId}/meetings`, {
        kind: 'site-coordination',
        heldAt: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
        convenedBy: '驻思明区工作组',
        attendees: [`项目部 ${i}`],
      });
      expect(meeting.status).toBe(201);
    }
  });
  afterAll(() => t.destroy());

  const nextLink = (link: string | null): string | null =>
    /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1] ?? null;

  it('walks the whole history page by page through the Link header, in order, ending without one', async () => {
    const whole = await t.get(`/issues/${issueId}/history`);
    expect(whole.body).toHaveLength(7);
    expect(whole.headers.get('x-next-cursor')).toBeNull();

    const pages: unknown[][] = [];
    let route: string | null = `/issues/${issueId}/history?limit=3`;
    while (route !== null) {
      const page = await t.get(route);
      expect(page.status).toBe(200);
      pages.push(page.body);
      route = nextLink(page.headers.get('link'));
      if (route !== null) expect(route).toContain(`cursor=${page.headers.get('x-next-cursor')}`);
      else expect(page.headers.get('x-next-cursor')).toBeNull();
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(whole.body);
    expect(pages.flat().map((e: any) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads on from a cursor sent without limit, and gives no next link on a page that ends the history exactly', async () => {
    const first = await t.get(`/issues/${issueId}/history?limit=1`);
    const rest = await t.get(`/issues/${issueId}/history?cursor=${first.headers.get('x-next-cursor')}`);
    expect(rest.body.map((e: any) => e.revision)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rest.headers.get('link')).toBeNull();
    const exact = await t.get(`/issues/${issueId}/history?limit=7`);
    expect(exact.body).toHaveLength(7);
    expect(exact.headers.get('link')).toBeNull();
  });

  it('refuses a cursor it did not give out, or one of another issue, and a bad limit, with 400 naming the field', async () => {
    const other = (await t.post('/issues', aReport())).body.issueId;
    await t.post(`/issues/${other}/meetings`, {
      kind: 'summons',
      heldAt: new Date().toISOString(),
      convenedBy: 'x',
      attendees: ['y'],
    });
    const foreign = (await t.get(`/issues/${other}/history?limit=1`)).headers.get('x-next-cursor');
    for (const cursor of [foreign, 'not-a-cursor', Buffer.from('[1,2]').toString('base64url')]) {
      const refused = await t.get(`/issues/${issueId}/history?cursor=${cursor}`);
      expect(refused.status).toBe(400);
      expect(refused.body.fields).toEqual([
        { field: 'cursor', messages: [expect.stringContaining('cursor')] },
      ]);
    }
    for (const limit of ['0', '501', 'ten']) {
      const refused = await t.get(`/issues/${issueId}/history?limit=${limit}`);
      expect(refused.status).toBe(400);
      expect(refused.body.fields[0].field).toBe('limit');
    }
    expect((await t.get('/issues/nope/history?limit=5')).status).toBe(404);
  });
});
