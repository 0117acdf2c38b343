import type { Page } from 'playwright-core';
import { DEMO_TEST_PASSWORD } from '../e2e/demo-client';

/**
 * The demo bureau's users the screenshots sign in as: created by the demo loader (as
 * `npm run demo:load` does, through the admin), all with the demo password.
 */
export const ACCOUNTS = {
  leader: 'bureau-leader',
  siming: 'siming-group',
} as const;

/** Signs in through the page's own form, as a person does, and waits for the first view. */
export async function signInThroughForm(
  page: Page,
  username: string,
  password = DEMO_TEST_PASSWORD,
): Promise<void> {
  await page.locator('#sign-in-username').fill(username);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('#sign-in-username').waitFor({ state: 'detached' });
  await page.locator('main h1').waitFor();
}
