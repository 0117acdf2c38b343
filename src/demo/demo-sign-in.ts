import type { District } from '../issues/domain/vocabulary';
import { commandOfPath, DEMO_USERS, demoSenderOf, type DemoCommand } from './demo-users';
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
    /** The answer's headers, where the transport gives them (`retry-after` of a 429). */
    headers?: { get(name: string): string | null };
  }>;
}

/** `HttpJson` over real HTTP (fetch): the demo goes through the same API a client uses. */
export const fetchJson =
  (baseUrl: string): HttpJson =>
  async (method, path, body, headers = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : null,
      headers: response.headers,
    };
  };

const field = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;

/** How long the demo waits, in all, for the engine's sign-in rate limit (AUTH_LOGIN_RATE a minute). */
const RATE_LIMIT_PATIENCE_MS = 120_000;

/**
 * Signs one user in and answers the token, or null with the engine's answer when it refuses.
 * A 429 of the sign-in rate limit (the engine counts tries per address and minute; a demo
 * loaded twice in a minute signs in 32 times) is waited out as its Retry-After says.
 */
export async function signInPatiently(
  http: HttpJson,
  username: string,
  password: string,
  log: (line: string) => void = () => undefined,
): Promise<{ token: string | null; status: number; body: unknown }> {
  let waited = 0;
  for (;;) {
    const answer = await http('POST', '/auth/login', { username, password });
    const token = field(answer.body, 'accessToken');
    if (answer.status === 200 && typeof token === 'string') return { token, ...answer };
    const seconds = Number(answer.headers?.get('retry-after'));
    if (answer.status !== 429 || !(seconds > 0) || waited + seconds * 1000 > RATE_LIMIT_PATIENCE_MS)
      return { token: null, ...answer };
    log(`the engine limits sign-ins per minute: waiting ${seconds} s before signing ${username} in`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    waited += seconds * 1000;
  }
}

/**
 * Creates the demo bureau's users (through the admin's client; existing ones are kept) and
 * signs each in with `password`. Answers the bearer token of each username.
 * @throws Error with the engine's answer when an account cannot be created or signed in.
 */
export async function signInDemoUsers(
  http: HttpJson,
  adminToken: string,
  password: string,
  log: (line: string) => void = () => undefined,
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
    const signedIn = await signInPatiently(http, user.username, password, log);
    if (signedIn.token === null) {
      throw new Error(
        `demo user ${user.username} cannot sign in (${signedIn.status} ${JSON.stringify(signedIn.body)})` +
          (signedIn.status === 401
            ? '; an earlier demo load used another password: pass it as DEMO_PASSWORD'
            : ''),
      );
    }
    tokens.set(user.username, signedIn.token);
  }
  return tokens;
}

/**
 * The district a demo request acts for: a report's own, an issue's (remembered from its
 * report), the group's of a record path, the appealing district of an appeal; null for the
 * review commands of no district.
 */
function districtOfRequest(
  command: DemoCommand,
  path: string,
  body: unknown,
  issueDistricts: ReadonlyMap<string, District>,
): District | null {
  if (command === 'report' || command === 'appeal') return (field(body, 'district') as District) ?? null;
  const issueId = /^\/issues\/([^/]+)/.exec(path)?.[1];
  if (issueId) return issueDistricts.get(decodeURIComponent(issueId)) ?? null;
  const group = /^\/groups\/([^/]+)\//.exec(path)?.[1];
  return (group as District | undefined) ?? null;
}

/**
 * A DemoClient that sends each command as the user who would have sent it (see
 * `demoSenderOf`): the district comes from the report (remembered by the issue id it got),
 * the record's path or the appeal's body.
 */
export function asDemoUsers(http: HttpJson, tokens: Map<string, string>): DemoClient {
  const issueDistricts = new Map<string, District>();
  return {
    async post(path, body, headers = {}) {
      const command = commandOfPath(path);
      const district = command ? districtOfRequest(command, path, body, issueDistricts) : null;
      const sender = command ? demoSenderOf(command, district, body as Record<string, unknown>) : null;
      const token = sender ? tokens.get(sender) : undefined;
      if (!token)
        throw new Error(`demo: nobody to send POST ${path} (command ${command}, district ${district})`);
      const answer = await http('POST', path, body, { ...headers, authorization: `Bearer ${token}` });
      const reported = field(answer.body, 'issueId');
      if (command === 'report' && typeof reported === 'string' && district)
        issueDistricts.set(reported, district);
      return answer;
    },
  };
}
