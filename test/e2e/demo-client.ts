import { asDemoUsers, signInDemoUsers, type HttpJson } from '../../src/demo/demo-sign-in';
import type { DemoClient } from '../../src/demo/load-demo';
import { clientFor, type TestApp } from './test-app';

/** The demo users' password in the specs that load the demo. */
export const DEMO_TEST_PASSWORD = 'Demo-Pass-2023';

/**
 * The demo loader's client against a test engine, as `npm run demo:load` builds it: the demo
 * bureau's users created by the admin and signed in, each command sent by who would have
 * sent it. `t()` is read at each request, so a spec may restart its engine.
 */
export async function demoUsersClient(t: () => TestApp): Promise<DemoClient> {
  const http: HttpJson = (method, path, body, headers = {}) => {
    const { authorization, ...rest } = headers;
    return clientFor(t().url, null, authorization?.replace(/^Bearer /, '') ?? null).request(
      method,
      path,
      body,
      rest,
    );
  };
  return asDemoUsers(http, await signInDemoUsers(http, t().admin.token!, DEMO_TEST_PASSWORD));
}
