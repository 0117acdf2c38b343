import type { Page } from 'playwright-core';
import type { TestApp } from '../e2e/test-app';

/**
 * Accounts for the browser specs and the screenshots, made the way an administrator makes
 * them (shared/API-identity.md): the engine starts with ADMIN_PASSWORD, the admin signs in
 * and creates the users over HTTP.
 */
export const ADMIN_PASSWORD = 'Browser-Spec-2023!';
export const PASSWORD = 'Site-Visit-2023!';

export const ACCOUNTS = {
  leader: { username: 'leader', displayName: '分管局领导', role: 'leadership' },
  siming: { username: 'siming-group', displayName: '驻思明区工作组', role: 'work-group', district: 'siming' },
  supervisor: { username: 'supervisor', displayName: '督查室', role: 'supervisor' },
} as const;

/** True when the engine has the identity routes (API-identity.md) at all. */
export async function hasSignIn(engine: TestApp): Promise<boolean> {
  const answer = await engine.post('/auth/login', { username: 'nobody', password: 'x' });
  return answer.status !== 404;
}

/** The bearer token of a sign-in over the API (for setting up data, not for the page). */
export async function apiToken(engine: TestApp, username: string, password: string): Promise<string> {
  const answer = await engine.post('/auth/login', { username, password });
  if (answer.status !== 200)
    throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.accessToken as string;
}

/** Creates the accounts as the admin; existing ones are left as they are. */
export async function createAccounts(engine: TestApp): Promise<void> {
  const admin = await apiToken(engine, 'admin', ADMIN_PASSWORD);
  for (const account of Object.values(ACCOUNTS)) {
    const answer = await engine.post(
      '/users',
      { ...account, password: PASSWORD },
      { authorization: `Bearer ${admin}` },
    );
    if (answer.status !== 201 && answer.status !== 409)
      throw new Error(`creating ${account.username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** Signs in through the page's own form, as a person does, and waits for the first view. */
export async function signInThroughForm(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.locator('#sign-in-username').fill(username);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('#sign-in-username').waitFor({ state: 'detached' });
  await page.locator('main h1').waitFor();
}
