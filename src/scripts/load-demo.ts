import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { loadDemoStory, type DemoClient } from '../demo/load-demo';

/** A DemoClient over real HTTP: the demo goes through the same API a client uses. */
const httpClient = (baseUrl: string): DemoClient => ({
  async post(path, body, headers = {}) {
    const response = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  },
});

/**
 * `npm run demo:load`: loads January to June 2023 (the seed article's cases, generated issues,
 * the daily record from March, and the published Q2 review). With
 * ENGINE_URL it talks to a running engine; otherwise it starts the engine in this process on
 * DATA_DIR, loads over loopback HTTP, and stops. Loading twice appends nothing new.
 */
async function main(): Promise<void> {
  const target = process.env.ENGINE_URL;
  const app = target ? null : await createApp({ ...loadConfig(), logLevel: 'silent' });
  let baseUrl = target ?? '';
  if (app) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }
  try {
    const started = Date.now();
    const result = await loadDemoStory(httpClient(baseUrl.replace(/\/$/, '')), (line) => console.log(line));
    console.log(
      `demo loaded: ${result.issues} issues, ${result.commands} commands in ${Date.now() - started} ms`,
    );
    if (app) await waitForProjections(baseUrl);
  } finally {
    await app?.close();
  }
}

/** Lets the in-process projector apply the demo before the engine stops. */
async function waitForProjections(baseUrl: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { projections: { lag: number } };
    if (health.projections.lag === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

main().catch((error: unknown) => {
  console.error(`demo load failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
