import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { loadDemoStory } from '../../src/demo/load-demo';
import { DEMO_TEST_PASSWORD, demoUsersClient } from '../e2e/demo-client';
import { TEST_ADMIN_PASSWORD } from '../e2e/test-app';
import { ACCOUNTS } from './accounts';
import { VIEWPORTS } from './chromium';
import { horizontalOverflow, reachable, seriousViolations } from './page-checks';
import { RoleSessions } from './sessions';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/** A tablet on site (portrait) and a phone. */
const SCREENS = { tablet: VIEWPORTS.tablet, phone: { width: 375, height: 740 } } as const;
const DISTRICT_NAMES = ['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区'];

/** The rows of a list once its first row is painted (they come after the session and the list are read). */
const rowTexts = async (page: Page, selector = 'tbody tr[data-issue-id]') => {
  await page.locator(selector).first().waitFor();
  const texts = await page.locator(selector).allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' '));
};

/**
 * The issue's "done means", in a real browser on the demo's story (Q1 and spring 2023, the
 * published Q2 review): the leader sees the six groups ranked for 2023-Q2 with charts, drills
 * into a Haicang issue, downloads the review and opens its printable page; the Siming work
 * group sees only Siming and records the day's on-site work from a tablet and a phone; the
 * limits of a district role; axe on the main views. (Live updates have their own spec.)
 */
describe('the walk-through on the demo', () => {
  let web: WebHarness;
  let sessions: RoleSessions;
  let huliIssue: string;
  const asLeader = (path: string, language?: 'en') =>
    sessions.open(ACCOUNTS.leader, DEMO_TEST_PASSWORD, path, { language });
  const asSiming = (path: string, viewport: { width: number; height: number } = VIEWPORTS.desk) =>
    sessions.open(ACCOUNTS.siming, DEMO_TEST_PASSWORD, path, { viewport });
  jest.setTimeout(60_000);

  beforeAll(async () => {
    web = await startWebHarness();
    sessions = new RoleSessions(web.browser, web.engine.url);
    await loadDemoStory(await demoUsersClient(() => web.engine));
    const head = (await web.engine.get('/health')).body.eventStore.headPosition as number;
    const huli = await web.engine.get(`/issues?district=huli&limit=1&minPosition=${head}`);
    huliIssue = huli.body.items[0].id;
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('the leader sees the six groups ranked for 2023-Q2, with charts', async () => {
    const { page, context } = await asLeader('/app/groups?period=2023-Q2');
    const ranking = page.locator('table.ranking tbody tr');
    await ranking.nth(5).waitFor();
    expect(await ranking.count()).toBe(6);
    const groups = await ranking.locator('th[scope=row]').allTextContents();
    expect([...groups].sort()).toEqual([...DISTRICT_NAMES].sort());
    expect(await ranking.locator('.rank').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6']);
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(4);
    // Each chart is named for a screen reader, not only drawn.
    const names = await page.locator('figure.chart').locator('figcaption').allTextContents();
    expect(names).toHaveLength(await page.locator('figure.chart').count());
    expect(names.every((name) => name.length > 0)).toBe(true);
    await context.close();
  });

  it('the leader drills into a Haicang issue and reads its timeline', async () => {
    const { page, context } = await asLeader('/app/board?district=haicang');
    const rows = await rowTexts(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes('海沧区'))).toBe(true);
    await page.locator('tbody tr[data-issue-id] a').first().click();
    await page.locator('#timeline .event').first().waitFor();
    expect(await page.locator('#facts').textContent()).toContain('海沧区');
    const first = page.locator('#timeline .event').first();
    expect(await first.getAttribute('data-event-type')).toBe('IssueReported');
    expect(await first.locator('.event-who').textContent()).toMatch(/操作人：haicang-/);
    await context.close();
  });

  it('in English, the leader downloads the published Q2 review, opens the workbook and the printable page', async () => {
    const { page, context } = await asLeader('/app/reviews', 'en');
    await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
    await page.locator('main a[href*="/app/reviews/"]').first().click();
    await page.getByRole('link', { name: 'Download the workbook (xlsx)' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Ranking for 2023-Q2 (frozen)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the workbook (xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['排名', '问题清单', '逾期与升级', '日记录', '申诉']));
    const ranking = workbook.getWorksheet('排名')!;
    const cells: string[] = [];
    ranking.eachRow((row) => cells.push(JSON.stringify(row.values)));
    for (const district of DISTRICT_NAMES)
      expect(cells.filter((c) => c.includes(district)).length).toBeGreaterThanOrEqual(1);

    const [printable] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Printable page' }).click(),
    ]);
    await printable.waitForLoadState();
    expect(printable.url()).toMatch(/\/reviews\/[^/]+\/print$/);
    const text = (await printable.locator('body').textContent()) ?? '';
    expect(text).toContain('2023');
    for (const district of DISTRICT_NAMES) expect(text).toContain(district);
    await context.close();
  });

  it.each(Object.entries(SCREENS))(
    'the Siming work group works from a %s: board, issue and the record form fit and are usable',
    async (screen, viewport) => {
      const { page, context } = await asSiming('/app/board', viewport);
      const rows = await rowTexts(page);
      expect(rows.length).toBeGreaterThan(0);
      // Its own district only: no district column, no other district's issue.
      expect(rows.some((row) => DISTRICT_NAMES.slice(1).some((d) => row.includes(d)))).toBe(false);
      expect(await horizontalOverflow(page)).toEqual([]);
      for (const control of ['#filter-status', '#filter-light', '.counters button'])
        expect(await reachable(page, control)).toMatchObject({ visible: true, inside: true });
      if (screen === 'phone') {
        // The navigation folds behind its button; it opens and every link fits.
        const menu = page.getByRole('button', { name: '菜单' });
        expect(await menu.getAttribute('aria-expanded')).toBe('false');
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        expect(await reachable(page, '#main-nav a[href$="/app/groups"]')).toMatchObject({
          visible: true,
          inside: true,
        });
        expect(await horizontalOverflow(page)).toEqual([]);
        await menu.click();
      }

      await page.locator('tbody tr[data-issue-id] a').first().click();
      await page.locator('#timeline .event').first().waitFor();
      expect(await horizontalOverflow(page)).toEqual([]);

      await page.goto(`${web.engine.url}/app/groups/siming`);
      const form = page.locator('#record-activity');
      await form.waitFor();
      expect(await horizontalOverflow(page)).toEqual([]);
      const summary = `${screen}：何厝片区下沉检查工地扬尘治理`;
      if (screen === 'phone') await form.getByLabel('日期').fill('2026-11-30');
      await form.getByLabel('地点/项目').fill('何厝片区');
      await form.getByLabel('概要').fill(summary);
      const submit = form.getByRole('button', { name: '记录' });
      const box = await reachable(page, '#record-activity button[type=submit]');
      expect(box).toMatchObject({ visible: true, inside: true });
      expect(box.height).toBeGreaterThanOrEqual(40);
      await submit.click();
      await form.getByRole('status').waitFor();
      await page.locator('.record-table').getByText(summary, { exact: false }).waitFor();
      expect(await horizontalOverflow(page)).toEqual([]);
      await context.close();
    },
  );

  it('a district user sees no other district and no administration: absent from the page, refused by URL', async () => {
    const { page, context } = await asSiming('/app/board');
    // The district is a fact, not a choice.
    expect(await page.locator('#filter-district').count()).toBe(0);
    const nav = page.locator('#main-nav');
    for (const admin of ['/app/admin/users', '/app/admin/api-keys'])
      expect(await nav.locator(`a[href$="${admin}"]`).count()).toBe(0);
    for (const admin of ['/app/admin/users', '/app/admin/api-keys']) {
      await page.goto(`${web.engine.url}${admin}`);
      await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor();
    }
    // The policy gives a district role its own district's issue audit (not the identity
    // trail): the audit page lists Siming's entries only.
    await page.goto(`${web.engine.url}/app/audit`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('main tbody tr').first().waitFor();
    const audit = await page.locator('main tbody tr').allInnerTexts();
    expect(audit.some((row) => DISTRICT_NAMES.slice(1).some((d) => row.includes(d)))).toBe(false);
    // Another district's issue, by its address: the engine answers as if it did not exist.
    await page.goto(`${web.engine.url}/app/issues/${huliIssue}`);
    await page
      .locator('main')
      .getByText(/未找到|not found/i)
      .first()
      .waitFor();
    expect(await page.locator('#timeline').count()).toBe(0);
    // …and the API behind the page says the same to the same session.
    const answers = await page.evaluate(
      async (paths) => Promise.all(paths.map(async (p) => ({ status: (await fetch(p)).status, path: p }))),
      ['/users', '/api-keys', `/issues/${huliIssue}`, `/issues/${huliIssue}/history`],
    );
    expect(answers.map((a) => a.status)).toEqual([403, 403, 404, 404]);
    const huliAudit = await page.evaluate(async () => await (await fetch('/audit?district=huli')).json());
    expect(huliAudit).toMatchObject({ items: [] });
    await context.close();
  });

  describe('has no serious accessibility violation (axe) on the main views', () => {
    const views: Array<[string, string, string, string, string]> = [
      ['the board', ACCOUNTS.leader, DEMO_TEST_PASSWORD, '/app/board', 'tbody tr'],
      [
        'the groups ranking',
        ACCOUNTS.leader,
        DEMO_TEST_PASSWORD,
        '/app/groups?period=2023-Q2',
        'figure.chart svg',
      ],
      ['the reviews', ACCOUNTS.leader, DEMO_TEST_PASSWORD, '/app/reviews', 'main table'],
      ['the overdue list', ACCOUNTS.leader, DEMO_TEST_PASSWORD, '/app/overdue', 'main'],
      ['the record form', ACCOUNTS.siming, DEMO_TEST_PASSWORD, '/app/groups/siming', '#record-activity'],
      ['the audit search', 'supervisor', DEMO_TEST_PASSWORD, '/app/audit', 'main form'],
      ['the users', 'admin', TEST_ADMIN_PASSWORD, '/app/admin/users', 'main table'],
    ];
    it.each(views)('%s', async (_name, username, password, path, ready) => {
      const { page, context } = await sessions.open(username, password, path);
      await page.locator(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('one issue and one review', async () => {
      const { page, context } = await asLeader('/app/board?district=haicang');
      await page.locator('tbody tr[data-issue-id] a').first().click();
      await page.locator('#timeline .event').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${web.engine.url}/app/reviews`);
      await page.locator('main a[href*="/app/reviews/"]').first().click();
      await page.locator('table.ranking').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  });
});
