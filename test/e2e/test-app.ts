import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** The real engine on a real port with its embedded store in a fresh temp folder. */
export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  request(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  post(route: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(route: string): Promise<Answer>;
  close(): Promise<void>;
}

export async function startTestApp(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-e2e-'))): Promise<TestApp> {
  const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), dataDir };
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const request = async (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
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
  return {
    app,
    config,
    url,
    request,
    post: (route, body, headers) => request('POST', route, body, headers),
    get: (route) => request('GET', route),
    close: () => app.close(),
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
