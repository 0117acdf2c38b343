import AxeBuilder from '@axe-core/playwright';
import { aReport, TEST_PASSWORD } from '../e2e/test-app';
import { signInThroughForm } from './accounts';
import { openPage, VIEWPORTS } from './chromium';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/**
 * The sign-in page: Chinese first, English on request (remembered), accessible, and a real
 * sign-in through it (the session cookie, the role's own view of the board, signing out).
 */
describe('the sign-in page', () => {
  let web: WebHarness;
  // The first spec may build the page (web/dist) before the engine starts.
  beforeAll(async () => {
    web = await startWebHarness();
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('asks for a username and a password, in Chinese by default', async () => {
    const { page, context } = await openPage(web.browser, `${web.engine.url}/`);
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect(page.getByLabel('用户名').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('密码').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '登录' }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('switches to English, and stays in English after a reload', async () => {
    const { page, context } = await openPage(web.browser, `${web.engine.url}/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    // …and back: the choice is the reader's, both ways.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await context.close();
  });

  it.each(Object.entries(VIEWPORTS))(
    'has no serious accessibility violation (axe) on a %s screen',
    async (_name, viewport) => {
      const { page, context } = await openPage(web.browser, `${web.engine.url}/`, viewport);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      ).toEqual([]);
      await context.close();
    },
  );

  it('can be used from the keyboard alone', async () => {
    const { page, context } = await openPage(web.browser, `${web.engine.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      const active = page.locator(':focus');
      focused.push((await active.getAttribute('id')) ?? (await active.textContent()) ?? '');
    }
    expect(focused).toEqual(expect.arrayContaining(['sign-in-username', 'sign-in-password', '登录']));
    await context.close();
  });

  it('signs the Siming work group in, shows it only its district, and signs it out again', async () => {
    await web.engine.createUser({
      username: 'siming-group',
      role: 'work-group',
      district: 'siming',
      displayName: '驻思明区工作组',
    });
    await web.engine.post('/issues', aReport({ district: 'siming', title: '何厝片区共用道路破损' }));
    const huli = await web.engine.post(
      '/issues',
      aReport({ district: 'huli', title: '钟宅安置房工地扬尘', reportedBy: '驻湖里区工作组' }),
    );
    // The board is projected before the page asks for it.
    await web.engine.get(`/issues?minPosition=${huli.body.position}`);

    const { page, context } = await openPage(web.browser, `${web.engine.url}/`);
    await signInThroughForm(page, 'siming-group', TEST_PASSWORD);
    await expect(page.locator('.whoami').textContent()).resolves.toContain('驻思明区工作组');
    await page.getByText('何厝片区共用道路破损').first().waitFor();
    expect(await page.getByText('钟宅安置房工地扬尘').count()).toBe(0);
    // The page offers what the role may do: no administration for a work group.
    expect(await page.locator('#main-nav a[href$="/admin/users"]').count()).toBe(0);
    // The session is an HttpOnly cookie: the page itself never holds the token.
    expect(await page.evaluate('document.cookie')).not.toMatch(/engine_session/);
    expect((await context.cookies()).find((c) => c.name === 'engine_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await context.close();
  });
});
