import type { Page } from 'playwright-core';
import { aReport, TEST_PASSWORD } from '../e2e/test-app';
import { FAST_POLICY, secondsFromNow } from '../escalation/escalation-e2e-helpers';
import { signInThroughForm } from './accounts';
import { openPage } from './chromium';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/** Marks the loaded document: a reload (or a full navigation) would lose the mark. */
const mark = (page: Page) => page.evaluate('window.__sameDocument = true');
const stillSameDocument = (page: Page) => page.evaluate('window.__sameDocument === true');

/**
 * Live updates in a real browser, on the fast escalation policy and the wall clock (as the
 * escalation smoke spec does): the board and the issue page show a new issue, its item and
 * the ladder's escalations as the engine appends them, without a reload.
 */
describe('the page, live', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness({ ESCALATION_POLICY: FAST_POLICY });
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('watches an escalation from the fast policy arrive live without a reload', async () => {
    const { page: board, context } = await openPage(web.browser, `${web.engine.url}/`);
    await signInThroughForm(board, 'leader', TEST_PASSWORD);
    await board.getByRole('heading', { level: 1, name: '督办看板' }).waitFor();
    await board.getByRole('status').filter({ hasText: '实时' }).waitFor();
    await mark(board);

    // Reported elsewhere (another client): the board shows the new row by itself.
    const title = '湖里区钟宅工地围挡倒塌（实时）';
    const reported = await web.engine.post('/issues', aReport({ title, district: 'huli' }));
    expect(reported.status).toBe(201);
    const issueId = reported.body.issueId as string;
    await board.getByRole('link', { name: title }).waitFor();

    // The issue in a second tab of the same session, before anything is due.
    const issue = await context.newPage();
    await issue.goto(`${web.engine.url}/app/issues/${issueId}`);
    await issue.getByRole('heading', { level: 1, name: title }).waitFor();
    await issue.getByRole('status').filter({ hasText: '实时' }).waitFor();
    expect(await issue.locator('.badge-level').count()).toBe(0);
    await mark(issue);

    // Due two seconds from now: the ladder fires level 1 then, level 2 and 3 seconds later.
    const assigned = await web.engine.post(`/issues/${issueId}/remediations`, {
      responsibleUnit: '钟宅安置房项目部',
      action: '重新加固围挡',
      dueAt: secondsFromNow(2),
    });
    expect(assigned.status).toBe(201);
    await issue.getByText('钟宅安置房项目部').first().waitFor();

    // The issue page climbs the ladder as it happens: the level, the light and the timeline.
    await issue.locator('.badge-level', { hasText: '三级 局领导' }).waitFor({ timeout: 30_000 });
    await issue.locator('.issue-badges .light', { hasText: '红灯 超期' }).waitFor();
    await issue.locator('#timeline').getByText('升级至三级 局领导', { exact: false }).first().waitFor();
    // …and the board's counters follow: overdue and escalated to the leadership.
    await board.locator('.counter-level3 .counter-value', { hasText: /^1$/ }).waitFor();
    await board.locator('.counter-overdue .counter-value', { hasText: /^1$/ }).waitFor();

    expect(await stillSameDocument(board)).toBe(true);
    expect(await stillSameDocument(issue)).toBe(true);
    await context.close();
  }, 90_000);
});
