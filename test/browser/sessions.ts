import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInThroughForm } from './accounts';
import { VIEWPORTS } from './chromium';

type Viewport = { width: number; height: number };
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs each role in through the page's form once per spec file and keeps the session cookie
 * (the context's storage state), so every later test opens its own fresh context already
 * signed in: one sign-in per role, not per test (and no sign-in rate limit to wait out).
 */
export class RoleSessions {
  private readonly states = new Map<string, StorageState>();

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
  ) {}

  /** A fresh context signed in as `username`, on `path`, in Chinese unless told. */
  async open(
    username: string,
    password: string,
    path: string,
    { viewport = VIEWPORTS.desk, language }: { viewport?: Viewport; language?: 'zh-CN' | 'en' } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    let state = this.states.get(username);
    if (!state) {
      const context = await this.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto(`${this.url}/`);
      await signInThroughForm(page, username, password);
      state = await context.storageState();
      this.states.set(username, state);
      await context.close();
    }
    const context = await this.browser.newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      storageState: state,
    });
    if (language) {
      // The page's remembered choice (web/src/i18n/i18n.ts, LANGUAGE_STORAGE_KEY).
      await context.addInitScript({
        content: `localStorage.setItem('escalation.language', ${JSON.stringify(language)})`,
      });
    }
    const page = await context.newPage();
    // A missing element fails its step within the test's own time, naming the step.
    page.setDefaultTimeout(20_000);
    await page.goto(`${this.url}${path}`);
    await page.locator('main h1').waitFor();
    return { context, page };
  }
}
