import type { Page } from 'playwright-core';
import { aReport, DEFAULT_USER, TEST_PASSWORD } from '../e2e/test-app';
import { RoleSessions } from './sessions';
import { seriousViolations } from './page-checks';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The rows the board shows now: title and what the row says, cell by cell. */
const rows = async (page: Page) =>
  (await page.locator('tbody tr[data-issue-id]').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));

/** The page's own document, as far as these waits use it (the engine's TypeScript has no DOM library). */
declare const document: {
  querySelectorAll(selector: string): { length: number };
  querySelector(selector: string): { textContent: string | null } | null;
};

/** Waits until the list shows `count` rows and no load is in flight. */
async function waitForRows(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('tbody tr[data-issue-id]').length === n &&
      !document.querySelector('.board .list-head [aria-live]')?.textContent?.includes('加载'),
    count,
  );
  return rows(page);
}

/**
 * The board as the bureau leader uses it: filters, counters that filter the list, server-side
 * pages. 22 Siming issues (two pages), and in Huli one overdue and one escalated by hand.
 * Automatic escalation is off so the overdue issue stays at level 0 whatever the timing.
 */
describe('the board (the bureau leader)', () => {
  let web: WebHarness;
  let sessions: RoleSessions;
  const open = (path: string) => sessions.open(DEFAULT_USER.username, TEST_PASSWORD, path);
  // A loaded machine (two cores, many suites) can take seconds per page; never a timed assertion.
  jest.setTimeout(60_000);

  beforeAll(async () => {
    web = await startWebHarness({ ESCALATION: 'off' });
    sessions = new RoleSessions(web.browser, web.engine.url);
    const t = web.engine;
    await Promise.all(
      Array.from({ length: 22 }, (_, i) => t.post('/issues', aReport({ title: `思明测试问题${i + 1}号` }))),
    );
    const now = Date.now();
    const late = await t.post(
      '/issues',
      aReport({
        district: 'huli',
        title: '钟宅安置房工地扬尘',
        reportedBy: '驻湖里区工作组',
        occurredAt: iso(now - 20 * DAY),
      }),
    );
    await t.post(`/issues/${late.body.issueId}/remediations`, {
      responsibleUnit: '湖里区第一项目部',
      action: '覆盖裸土并洒水降尘',
      dueAt: iso(now - 10 * DAY),
      occurredAt: iso(now - 19 * DAY),
    });
    const escalated = await t.post(
      '/issues',
      aReport({ district: 'huli', title: '五缘湾桩基施工噪声', reportedBy: '驻湖里区工作组' }),
    );
    const last = await t.post(`/issues/${escalated.body.issueId}/escalations`, { reason: '多次投诉未果' });
    // The board is projected before the page asks for it.
    await t.get(`/issues?minPosition=${last.body.position}`);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('filters by district, status and light, each choice in the URL', async () => {
    const { page, context } = await open('/app/board');
    expect(await waitForRows(page, 20)).toHaveLength(20);

    await page.getByLabel('区', { exact: true }).selectOption('huli');
    const huli = await waitForRows(page, 2);
    expect(huli.every((row) => row.includes('湖里区'))).toBe(true);
    expect(page.url()).toContain('district=huli');

    await page.getByLabel('状态', { exact: true }).selectOption('in-progress');
    const inProgress = await waitForRows(page, 1);
    expect(inProgress[0]).toContain('钟宅安置房工地扬尘');

    await page.getByLabel('状态', { exact: true }).selectOption('');
    await waitForRows(page, 2);
    await page.getByLabel('灯色', { exact: true }).selectOption('red');
    const red = await waitForRows(page, 1);
    // The light says its word, not only its colour.
    expect(red[0]).toContain('钟宅安置房工地扬尘');
    expect(red[0]).toContain('红灯 超期');

    await page.getByRole('button', { name: '清除筛选' }).click();
    await waitForRows(page, 20);
    expect(page.url()).not.toContain('district=');
    await context.close();
  });

  it('counts open, overdue and escalated issues, and a counter filters the list when clicked', async () => {
    const { page, context } = await open('/app/board');
    await waitForRows(page, 20);
    const counter = (name: string) => page.locator('.counters button').filter({ hasText: name });
    await page.waitForFunction(() => !document.querySelector('.counter-value')?.textContent?.includes('…'));
    expect(await counter('未销号').locator('.counter-value').textContent()).toBe('24');
    expect(await counter('超期').locator('.counter-value').textContent()).toBe('1');
    expect(await counter('升级至区建设局').locator('.counter-value').textContent()).toBe('1');

    await counter('超期').click();
    const overdue = await waitForRows(page, 1);
    expect(overdue[0]).toContain('钟宅安置房工地扬尘');
    expect(await counter('超期').getAttribute('aria-pressed')).toBe('true');

    await counter('升级至区建设局').click();
    const escalated = await waitForRows(page, 1);
    expect(escalated[0]).toContain('五缘湾桩基施工噪声');
    expect(await counter('超期').getAttribute('aria-pressed')).toBe('false');

    // Clicking the pressed counter again shows everything again.
    await counter('升级至区建设局').click();
    await waitForRows(page, 20);
    await context.close();
  });

  it('pages on the server: twenty a page, forward and back', async () => {
    const { page, context } = await open('/app/board?district=siming');
    const first = await waitForRows(page, 20);
    const pager = page.getByRole('navigation', { name: '问题列表分页' });
    await expect(pager.getByText('第 1 页').isVisible()).resolves.toBe(true);
    expect(await pager.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);

    await pager.getByRole('button', { name: '下一页' }).click();
    const second = await waitForRows(page, 2);
    await pager.getByText('第 2 页').waitFor();
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    // Nothing shown twice, nothing missed: 22 Siming issues in all.
    expect(new Set([...first, ...second]).size).toBe(22);

    await pager.getByRole('button', { name: '上一页' }).click();
    expect(await waitForRows(page, 20)).toEqual(first);
    await context.close();
  });

  it('has no serious accessibility violation (axe), filtered or not', async () => {
    const { page, context } = await open('/app/board?light=red');
    await waitForRows(page, 1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
