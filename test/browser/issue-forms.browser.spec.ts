import type { Page } from 'playwright-core';
import { aReport, DEFAULT_USER, TEST_PASSWORD } from '../e2e/test-app';
import { seriousViolations } from './page-checks';
import { RoleSessions } from './sessions';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

const DAY = 86_400_000;
/** How the page writes a time: Shanghai wall clock, to the minute. */
const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * One issue as the bureau leader reads and works it: the timeline (who, when, why), the issue
 * as it stood at a chosen moment, commands through their forms (the engine's field errors
 * beside the fields; one event per submission whatever the clicks and the network do), and
 * the language switch, remembered.
 */
describe('an issue and its forms (the bureau leader)', () => {
  let web: WebHarness;
  let sessions: RoleSessions;
  let issueId: string;
  const reportedAt = Date.parse('2026-11-20T01:30:00Z');
  // A loaded machine (two cores, many suites) can take seconds per page; never a timed assertion.
  jest.setTimeout(60_000);
  const open = (path: string, language?: 'en') =>
    sessions.open(DEFAULT_USER.username, TEST_PASSWORD, path, { language });
  const history = async (type: string) =>
    ((await web.engine.get(`/issues/${issueId}/history`)).body as Array<{ type: string }>).filter(
      (e) => e.type === type,
    );
  const openCommand = async (page: Page, id: string) => {
    await page.locator(`details[data-command=${id}] > summary`).click();
    return page.locator(`#command-${id}`);
  };

  beforeAll(async () => {
    web = await startWebHarness({ ESCALATION: 'off' });
    sessions = new RoleSessions(web.browser, web.engine.url);
    const reported = await web.engine.post(
      '/issues',
      aReport({ title: '何厝片区共用道路破损', occurredAt: new Date(reportedAt).toISOString() }),
    );
    issueId = reported.body.issueId;
    const escalated = await web.engine.post(`/issues/${issueId}/escalations`, {
      reason: '多次投诉未果，需区建设局协调',
      occurredAt: new Date(reportedAt + 2 * DAY).toISOString(),
    });
    await web.engine.get(`/issues/${issueId}?minPosition=${escalated.body.position}`);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('reads the timeline: every event with when, who and why', async () => {
    const { page, context } = await open('/app/board');
    await page.getByRole('link', { name: '何厝片区共用道路破损' }).click();
    await page.getByRole('heading', { level: 1, name: '何厝片区共用道路破损' }).waitFor();
    const events = page.locator('#timeline .event');
    await events.nth(1).waitFor();
    const types = await Promise.all((await events.all()).map((e) => e.getAttribute('data-event-type')));
    expect(types).toEqual(['IssueReported', 'IssueEscalated']);
    const reported = events.nth(0);
    expect(await reported.locator('time').textContent()).toBe(shanghai(reportedAt));
    expect(await reported.locator('.event-who').textContent()).toContain(`操作人：${DEFAULT_USER.username}`);
    const escalation = events.nth(1);
    expect(await escalation.locator('time').textContent()).toBe(shanghai(reportedAt + 2 * DAY));
    expect(await escalation.locator('.event-why').textContent()).toContain('多次投诉未果，需区建设局协调');
    // The ladder says who reached level 1 and when.
    expect(await page.locator('#ladder').textContent()).toContain(shanghai(reportedAt + 2 * DAY));
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the issue as it stood at a chosen moment (asOf), and says when it did not exist yet', async () => {
    const { page, context } = await open(`/app/issues/${issueId}`);
    const moment = page.getByLabel('时间点（北京时间）');
    // Recorded (not business) time: the issue was recorded today, so yesterday it did not exist.
    await moment.fill(new Date(Date.now() - DAY + 8 * 3_600_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page
      .locator('#as-of')
      .getByText(/not yet recorded|未找到/)
      .waitFor();

    await moment.fill(new Date(Date.now() + 60_000 + 8 * 3_600_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: '查看', exact: true }).click();
    const snapshot = page.locator('#as-of .snapshot');
    await snapshot.waitFor();
    expect(await snapshot.textContent()).toContain('何厝片区');
    await context.close();
  });

  it("shows the engine's field error beside the field, and appends nothing", async () => {
    const { page, context } = await open(`/app/issues/${issueId}`);
    const form = await openCommand(page, 'assign');
    await form.getByLabel('整改要求').fill('修复责任段道路');
    await form.getByLabel('期限').fill('2026-12-31T18:00');
    await form.getByRole('button', { name: '交办' }).click();
    const unit = form.getByLabel('责任单位');
    await form.locator('.field-invalid').first().waitFor();
    expect(await unit.getAttribute('aria-invalid')).toBe('true');
    // The message sits in the field's own block, tied to the input for screen readers.
    const errorId = ((await unit.getAttribute('aria-describedby')) ?? '')
      .split(' ')
      .find((id) => id.endsWith('-error'));
    const message = page.locator(`[id="${errorId}"]`);
    expect(await message.textContent()).toMatch(/responsibleUnit/);
    const field = form.locator('.field', { has: page.locator(`[id="${errorId}"]`) });
    expect(await field.locator(`[id="${await unit.getAttribute('id')}"]`).count()).toBe(1);
    expect(await form.getByRole('alert').textContent()).toContain('请修改标出的内容后重新提交');
    expect(await history('RemediationAssigned')).toHaveLength(0);

    // Fixed, it goes through.
    await unit.fill('思明区市政养护所');
    await form.getByRole('button', { name: '交办' }).click();
    await form.getByRole('status').waitFor();
    expect(await history('RemediationAssigned')).toHaveLength(1);
    await context.close();
  });

  it('appends a meeting once for a double click', async () => {
    const { page, context } = await open(`/app/issues/${issueId}`);
    const form = await openCommand(page, 'meeting');
    await form.getByLabel('类型').selectOption({ index: 1 });
    await form.getByLabel('参会单位/人员').fill('思明区建设局\n驻思明区工作组');
    await form.getByRole('button', { name: '记录会议' }).dblclick();
    await form.getByRole('status').waitFor();
    await page.locator('#timeline .event-MeetingConvened').waitFor();
    expect(await history('MeetingConvened')).toHaveLength(1);
    await context.close();
  });

  it('sends the same Idempotency-Key again after a lost answer, and the engine appends once', async () => {
    const { page, context } = await open(`/app/issues/${issueId}`);
    const keys: string[] = [];
    let drop = true;
    await page.route('**/escalations', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (!drop) return route.continue();
      // The engine gets the command and appends it; its answer never reaches the page.
      drop = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const form = await openCommand(page, 'escalate');
    await form.getByLabel('原因').fill('区建设局协调未果');
    await form.getByRole('button', { name: '升级' }).click();
    await form.getByText('可以直接重试').waitFor();
    await form.getByRole('button', { name: '升级' }).click();
    await form.getByRole('status').waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/\S{16,}/);
    expect(keys[1]).toBe(keys[0]);
    expect(await history('IssueEscalated')).toHaveLength(2);
    await context.close();
  });

  it('switches to English when signed in, and stays in English after a reload', async () => {
    const { page, context } = await open(`/app/issues/${issueId}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link', { name: 'Board' }).isVisible()).toBe(true);
    expect(await page.locator('#timeline .event-IssueEscalated .event-why').first().textContent()).toMatch(
      /^Why:/,
    );
    await context.close();
  });
});
