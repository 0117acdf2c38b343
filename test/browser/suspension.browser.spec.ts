import { aReport, DEFAULT_USER, hoursFromNow, TEST_PASSWORD } from '../e2e/test-app';
import { seriousViolations } from './page-checks';
import { RoleSessions } from './sessions';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/**
 * A suspension (挂起, force majeure) as the bureau sees it on the page: the issue it holds says
 * so above its ladder (from when, until when, why, and that nothing escalates meanwhile), lists
 * the deadline it moved and counts the next step from the moved time, naming the rule versions
 * that time it; the board marks the row. Huli is suspended for two days; Siming is not.
 */
describe('a suspension on the page (the bureau leader)', () => {
  let web: WebHarness;
  let sessions: RoleSessions;
  let huli: string;
  let siming: string;
  const reason = '台风红色预警，全区工地停工';
  const open = (path: string) => sessions.open(DEFAULT_USER.username, TEST_PASSWORD, path);
  jest.setTimeout(60_000);

  beforeAll(async () => {
    web = await startWebHarness();
    sessions = new RoleSessions(web.browser, web.engine.url);
    const t = web.engine;
    huli = (
      await t.post(
        '/issues',
        aReport({ district: 'huli', title: '湖里挂起测试问题', reportedBy: '驻湖里区工作组' }),
      )
    ).body.issueId;
    siming = (await t.post('/issues', aReport({ title: '思明未挂起测试问题' }))).body.issueId;
    for (const id of [huli, siming])
      await t.post(`/issues/${id}/remediations`, {
        responsibleUnit: '第一项目部',
        action: '覆盖裸土并洒水降尘',
        dueAt: hoursFromNow(6),
      });
    const suspended = await t.post('/suspensions', {
      scope: 'district',
      district: 'huli',
      until: hoursFromNow(48),
      reason,
    });
    expect(suspended.status).toBe(201);
    // What the page is to show, as the API says it (the e2e specs hold the API to the rules).
    const view = await t.get(`/issues/${huli}?minPosition=${suspended.body.position}`);
    expect(view.body.suspended).toMatchObject({ scope: 'district', reason });
    expect(view.body.movedDeadlines).toHaveLength(1);
    expect(view.body.nextEscalation).toMatchObject({ policyVersion: expect.any(String) });
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('says on the issue what holds it, which deadline moved, and what times the next step', async () => {
    const { page, context } = await open(`/app/issues/${huli}`);
    const notice = page.getByRole('note').filter({ hasText: reason });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      /^挂起中 本区挂起至 .+（自 .+）：台风红色预警，全区工地停工。挂起期间不升级、不预警/,
    );
    const ladder = page.locator('#ladder');
    expect(await ladder.innerText()).toMatch(/期限 .+ 因挂起顺延至 .+/);
    expect(await ladder.innerText()).toMatch(/计时依据：督办规则 [0-9a-f]{12} · 工作日历 [0-9a-f]{12}/);
    expect(await seriousViolations(page)).toEqual([]);

    const other = await context.newPage();
    await other.goto(`${web.engine.url}/app/issues/${siming}`);
    await other.locator('#ladder .rung').first().waitFor();
    expect(await other.locator('.suspended-notice').count()).toBe(0);
    expect(await other.locator('#ladder').innerText()).not.toContain('顺延');
    await context.close();
  });

  it('marks the suspended issue’s row on the board, and only that one', async () => {
    const { page, context } = await open('/app/board');
    const row = (id: string) => page.locator(`tbody tr[data-issue-id="${id}"]`);
    await row(huli).waitFor();
    await row(siming).waitFor();
    const badge = row(huli).locator('.badge-suspended');
    expect(await badge.innerText()).toBe('挂起中');
    expect(await badge.getAttribute('aria-label')).toContain(reason);
    expect(await row(siming).locator('.badge-suspended').count()).toBe(0);
    await context.close();
  });
});
