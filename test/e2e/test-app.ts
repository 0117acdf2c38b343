import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '../../src/clock/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { deleteQueueKeys, freshQueuePrefix, TEST_REDIS_URL } from './redis-keys';

/** The store setups every e2e spec runs against: the embedded default and PostgreSQL. */
export type StoreSetup = 'sqlite' | 'postgres';
export const STORE_SETUPS: StoreSetup[] = (process.env.TEST_STORES?.split(',') as
  StoreSetup[] | undefined) ?? ['sqlite', 'postgres'];

/** The initial admin's password in every test engine (ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'Admin-Test-Pass-2023';
/** The password of every user the tests create, unless a test says otherwise. */
export const TEST_PASSWORD = 'Test-User-Pass-2023';

/**
 * Config for one test engine: a fresh temp folder, for PostgreSQL a fresh schema, and its own
 * queue prefix in the real Redis. `extra` sets more variables (e.g. ESCALATION_POLICY). The
 * admin's password is known (TEST_ADMIN_PASSWORD) and sign-in is limited generously (the
 * tests sign many users in from one address); the specs about those set their own.
 */
export function testConfig(
  store: StoreSetup,
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-e2e-')),
  schema?: string,
  extra: Record<string, string> = {},
): AppConfig {
  const env =
    store === 'postgres'
      ? {
          EVENT_STORE: 'postgres',
          READ_STORE: 'postgres',
          DATABASE_URL: TEST_PG_URL,
          DATABASE_SCHEMA: schema ?? freshSchemaName('e2e'),
        }
      : {};
  return {
    ...loadConfig({
      ...env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      REDIS_URL: TEST_REDIS_URL,
      ESCALATION_QUEUE_PREFIX: freshQueuePrefix(),
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      AUTH_LOGIN_RATE: '1000',
      // Here the worker would load the sources through a transpiling hook at every start;
      // test/projections/projector-thread.int.spec.ts runs the worker itself, and
      // TEST_PROJECTIONS_THREAD=worker runs any e2e spec with it.
      PROJECTIONS_THREAD: process.env.TEST_PROJECTIONS_THREAD || 'main',
      ...extra,
    }),
    dataDir,
  };
}

/** Drops a test engine's PostgreSQL schema; nothing to do for SQLite (a temp folder). */
export async function dropTestSchema(config: AppConfig): Promise<void> {
  if (config.eventStore === 'postgres' || config.readStore === 'postgres')
    await dropSchema(config.databaseSchema);
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** One caller of the engine's HTTP API, signed in (or not: `anonymous`). */
export interface Client {
  /** The username, or null for the anonymous caller. */
  username: string | null;
  /** The bearer token it sends; null for the anonymous caller. */
  token: string | null;
  request(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  post(route: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(route: string, headers?: Record<string, string>): Promise<Answer>;
}

/** A user for a test: a role and, for the district roles, a district. */
export interface TestUser {
  username: string;
  role: string;
  district?: string;
  displayName?: string;
  password?: string;
}

/**
 * The real engine on a real port, its stores in a fresh temp folder (and PostgreSQL schema).
 * `request`, `post` and `get` go as the default user, `leader` (leadership: every issue
 * command, city-wide), so specs about something else read as before; `admin` is the initial
 * admin, `anonymous` sends no credentials, and `signIn`/`createUser` give other callers.
 */
export interface TestApp extends Client {
  app: NestFastifyApplication;
  store: StoreSetup;
  config: AppConfig;
  url: string;
  admin: Client;
  anonymous: Client;
  /** Signs a user in and gives a client sending its token. */
  signIn(username: string, password?: string): Promise<Client>;
  /** Creates a user (as admin; an existing one is kept) and signs it in. */
  createUser(user: TestUser): Promise<Client>;
  /** Stops the engine; its data stays (a new engine on the same config sees it). */
  close(): Promise<void>;
  /** Stops the engine and removes its data. */
  destroy(): Promise<void>;
}

/** The default user of `t.post`/`t.get`: leadership may send every issue command, city-wide. */
export const DEFAULT_USER: TestUser = { username: 'leader', role: 'leadership', displayName: '局领导' };

/** Sends JSON to `url` with `token` as the bearer token (none when null). */
export function clientFor(url: string, username: string | null, token: string | null): Client {
  const request = async (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(url + route, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (e.g. the Swagger UI page): keep the text
    }
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    username,
    token,
    request,
    post: (route, body, headers) => request('POST', route, body, headers),
    get: (route, headers) => request('GET', route, undefined, headers),
  };
}

/** Signs in over HTTP; throws with the engine's answer when it refuses. */
export async function signIn(url: string, username: string, password: string): Promise<Client> {
  const answer = await clientFor(url, null, null).post('/auth/login', { username, password });
  if (answer.status !== 200)
    throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return clientFor(url, username, answer.body.accessToken as string);
}

/** Creates a user through `admin` (a 409 for an existing one is fine) and signs it in. */
export async function ensureUser(url: string, admin: Client, user: TestUser): Promise<Client> {
  const password = user.password ?? TEST_PASSWORD;
  const created = await admin.post('/users', {
    displayName: user.displayName ?? user.username,
    ...user,
    password,
  });
  if (created.status !== 201 && created.status !== 409)
    throw new Error(`creating ${user.username}: ${created.status} ${JSON.stringify(created.body)}`);
  return signIn(url, user.username, password);
}

export async function startTestApp(
  store: StoreSetup = 'sqlite',
  config: AppConfig = testConfig(store),
  clock?: Clock,
): Promise<TestApp> {
  const app = await createApp(config, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  // Where an operator finds it: ADMIN_PASSWORD, or the file a fresh engine wrote.
  const adminPassword =
    config.auth.adminPassword ??
    fs.readFileSync(path.join(config.dataDir, 'initial-admin-password'), 'utf8').trim();
  const admin = await signIn(url, 'admin', adminPassword);
  const leader = await ensureUser(url, admin, DEFAULT_USER);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    ...leader,
    app,
    store,
    config,
    url,
    admin,
    anonymous: clientFor(url, null, null),
    signIn: (username, password = TEST_PASSWORD) => signIn(url, username, password),
    createUser: (user) => ensureUser(url, admin, user),
    close,
    destroy: async () => {
      await close();
      await dropTestSchema(config);
      await deleteQueueKeys(config.escalation.redisUrl, config.escalation.queuePrefix);
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid report body; override what a test is about. */
export const aReport = (overrides: Record<string, unknown> = {}) => ({
  title: '何厝片区共用道路破损无人管理',
  description: '多个工地共用道路破损，晴天扬尘雨天泥泞',
  category: 'on-site-rectification',
  severity: 'high',
  district: 'siming',
  site: '何厝片区',
  source: 'inspection',
  reportedBy: '驻思明区工作组',
  ...overrides,
});

export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();
