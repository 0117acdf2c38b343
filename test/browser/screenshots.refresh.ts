import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoStory } from '../../src/demo/load-demo';
import { demoUsersClient } from '../e2e/demo-client';
import { ACCOUNTS, signInThroughForm } from './accounts';
import { VIEWPORTS } from './chromium';
import { BUILD_TIMEOUT_MS, startWebHarness, type WebHarness } from './web-engine';

/**
 * `npm run screenshots`: refreshes docs/screenshots/ from the real engine with the demo's
 * story loaded (January to June 2023, the published Q2 review) as the demo bureau's users, signed in through the page's form as the bureau
 * leader (desk) and as the Siming work group (tablet, phone). Not part of `npm test` (run by
 * its own jest pattern). Chinese text needs a CJK font on the machine (Debian:
 * fonts-wqy-microhei or fonts-noto-cjk).
 */
const OUT = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
type Account = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];
type Viewport = { width: number; height: number };
jest.setTimeout(240_000);

describe('docs/screenshots', () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWebHarness();
    fs.mkdirSync(OUT, { recursive: true });
  }, BUILD_TIMEOUT_MS);
  afterAll(() => web?.close());

  it('shows the main views', async () => {
    const shots: string[] = [];

    const shoot = async (page: Page, name: string) => {
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: name.endsWith('-full') });
      shots.push(name);
    };
    const open = async (browser: Browser, viewport: Viewport, as: Account | null, language = 'zh-CN') => {
      const context = await browser.newContext({ viewport, timezoneId: 'Asia/Shanghai' });
      // The page's remembered choice (web/src/i18n/i18n.ts, LANGUAGE_STORAGE_KEY).
      await context.addInitScript({
        content: `localStorage.setItem('escalation.language', ${JSON.stringify(language)})`,
      });
      const page = await context.newPage();
      await page.goto(`${web.engine.url}/`);
      await page.locator('main h1').waitFor();
      if (as) await signInThroughForm(page, as);
      return { context, page };
    };

    const signIn = await open(web.browser, VIEWPORTS.desk, null);
    await shoot(signIn.page, 'sign-in');
    await signIn.context.close();

    await loadDemoStory(await demoUsersClient(() => web.engine));

    const desk = await open(web.browser, VIEWPORTS.desk, ACCOUNTS.leader);
    await shoot(desk.page, 'board');
    await desk.page.goto(`${web.engine.url}/app/groups?period=2023-Q2`);
    await desk.page.locator('figure.chart svg').first().waitFor();
    await shoot(desk.page, 'groups-full');
    await desk.page.goto(`${web.engine.url}/app/board?district=haicang`);
    await desk.page.locator('tbody tr a').first().click();
    await desk.page.locator('#timeline .event').first().waitFor();
    await shoot(desk.page, 'issue-full');
    await desk.page.goto(`${web.engine.url}/app/overdue`);
    await shoot(desk.page, 'overdue');
    await desk.page.goto(`${web.engine.url}/app/reviews`);
    await desk.page.locator('main a[href*="/app/reviews/"]').first().click();
    await desk.page.locator('table.ranking').waitFor();
    await shoot(desk.page, 'review-q2-full');
    await desk.context.close();

    const english = await open(web.browser, VIEWPORTS.desk, ACCOUNTS.leader, 'en');
    await shoot(english.page, 'board-en');
    await english.context.close();

    const tablet = await open(web.browser, VIEWPORTS.tablet, ACCOUNTS.siming);
    await shoot(tablet.page, 'board-siming-tablet');
    await tablet.page.goto(`${web.engine.url}/app/groups/siming`);
    await tablet.page.locator('#record-activity').waitFor();
    await shoot(tablet.page, 'group-siming-tablet-full');
    await tablet.context.close();

    const phone = await open(web.browser, VIEWPORTS.phone, ACCOUNTS.siming);
    await phone.page.locator('tbody tr a').first().click();
    await phone.page.locator('#timeline').waitFor();
    await shoot(phone.page, 'issue-siming-phone');
    await phone.page.goto(`${web.engine.url}/app/groups/siming`);
    await phone.page.locator('#record-activity').waitFor();
    await phone.page.locator('#record-form-title').scrollIntoViewIfNeeded();
    await shoot(phone.page, 'record-siming-phone');
    await phone.context.close();

    console.log(`docs/screenshots: ${shots.join(', ')}`);
  });
});
