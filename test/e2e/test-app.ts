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

/**
 * Config for one test engine: a fresh temp folder, for PostgreSQL a fresh schema, and its own
 * queue prefix in the real Redis. `extra` sets more variables (e.g. ESCALATION_POLICY).
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

/** The real engine on a real port, its stores in a fresh temp folder (and PostgreSQL schema). */
export interface TestApp {
  app: NestFastifyApplication;
  store: StoreSetup;
  config: AppConfig;
  url: string;
  request(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  post(route: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(route: string): Promise<Answer>;
  /** Stops the engine; its data stays (a new engine on the same config sees it). */
  close(): Promise<void>;
  /** Stops the engine and removes its data. */
  destroy(): Promise<void>;
}

/** Starts an engine on `config`; with `clock`, everything it does is timed by that clock. */
export async function startTestApp(
  store: StoreSetup = 'sqlite',
  config: AppConfig = testConfig(store),
  clock?: Clock,
): Promise<TestApp> {
  const app = await createApp(config, clock);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const request = async (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(url + route, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
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
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    store,
    config,
    url,
    request,
    post: (route, body, headers) => request('POST', route, body, headers),
    get: (route) => request('GET', route),
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
