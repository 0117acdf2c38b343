import type { District } from '../issues/domain/vocabulary';
import { commandOfPath, DEMO_USERS, demoSenderOf } from './demo-users';
import type { DemoClient } from './load-demo';

/** JSON over HTTP with a bearer token (or none). */
export interface HttpJson {
  (
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    body: unknown;
  }>;
}

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

/**
 * Creates the demo bureau's users (through the admin's client; existing ones are kept) and
 * signs each in with `password`. Answers the bearer token of each username.
 * @throws Error with the engine's answer when an account cannot be created or signed in.
 */
export async function signInDemoUsers(
  http: HttpJson,
  adminToken: string,
  password: string,
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const created = await http(
      'POST',
      '/users',
      { ...user, password },
      { authorization: `Bearer ${adminToken}` },
    );
    if (created.status !== 201 && created.status !== 409)
      throw new Error(`demo user ${user.username}: ${created.status} ${JSON.stringify(created.body)}`);
    const signedIn = await http('POST', '/auth/login', { username: user.username, password });
    const token = field(signedIn.body, 'accessToken');
    if (signedIn.status !== 200 || typeof token !== 'string') {
      throw new Error(
        `demo user ${user.username} cannot sign in (${signedIn.status} ${JSON.stringify(signedIn.body)}); ` +
          'an earlier demo load used another password: pass it as DEMO_PASSWORD',
      );
    }
    tokens.set(user.username, token);
  }
  return tokens;
}

/**
 * A DemoClient that sends each command as the user who would have sent it (see
 * `demoSenderOf`): the district comes from the report, remembered by the issue id it got.
 */
export function asDemoUsers(http: HttpJson, tokens: Map<string, string>): DemoClient {
  const districtOf = new Map<string, District>();
  return {
    async post(path, body, headers = {}) {
      const command = commandOfPath(path);
      const issueId = /^\/issues\/([^/]+)/.exec(path)?.[1];
      const district =
        command === 'report'
          ? (field(body, 'district') as District)
          : issueId
            ? districtOf.get(decodeURIComponent(issueId))
            : undefined;
      const sender =
        command && district ? demoSenderOf(command, district, body as Record<string, unknown>) : null;
      const token = sender ? tokens.get(sender) : undefined;
      if (!token)
        throw new Error(`demo: nobody to send POST ${path} (command ${command}, district ${district})`);
      const answer = await http('POST', path, body, { ...headers, authorization: `Bearer ${token}` });
      const reported = field(answer.body, 'issueId');
      if (command === 'report' && typeof reported === 'string') districtOf.set(reported, district!);
      return answer;
    },
  };
}
