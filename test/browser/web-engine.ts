import type { Browser } from 'playwright-core';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { ensureBuiltPage } from './built-page';
import { launchChromium } from './chromium';

/** How long a beforeAll may take when it builds the page first (a build takes 5-30 s here). */
export const BUILD_TIMEOUT_MS = 180_000;

/** The real engine on a fresh data folder, serving the built page, and a Chromium to open it. */
export interface WebHarness {
  engine: TestApp;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWebHarness(extraEnv: Record<string, string> = {}): Promise<WebHarness> {
  const webDir = ensureBuiltPage();
  const engine = await startTestApp(
    'sqlite',
    testConfig('sqlite', undefined, undefined, { WEB_DIR: webDir, ...extraEnv }),
  );
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await engine.destroy();
    throw error;
  }
  return {
    engine,
    browser,
    close: async () => {
      await browser.close();
      await engine.destroy();
    },
  };
}
