import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { createApp } from '../create-app';
import { demoAdminPassword, demoUsersPassword, DEMO_PASSWORD_FILE } from '../demo/demo-credentials';
import { asDemoUsers, fetchJson, signInDemoUsers, signInPatiently } from '../demo/demo-sign-in';
import { DEMO_USERS } from '../demo/demo-users';
import { loadDemoStory } from '../demo/load-demo';

/** Signs in as admin, creates the demo's users, and gives a client sending as each of them. */
async function demoClient(baseUrl: string, dataDir: string) {
  const http = fetchJson(baseUrl);
  const log = (line: string) => console.log(line);
  const admin = await signInPatiently(http, 'admin', demoAdminPassword(process.env, dataDir), log);
  if (admin.token === null)
    throw new Error(
      `cannot sign in as admin (${admin.status} ${JSON.stringify(admin.body)})` +
        (admin.status === 401 ? ": set ADMIN_PASSWORD to the admin's password" : ''),
    );
  const { password, generated } = demoUsersPassword(process.env, dataDir);
  const tokens = await signInDemoUsers(http, admin.token, password, log);
  console.log(
    `demo users: ${DEMO_USERS.map((u) => u.username).join(', ')}; password ${
      generated
        ? `${password} (kept in ${dataDir}/${DEMO_PASSWORD_FILE})`
        : 'as before (DEMO_PASSWORD or the kept file)'
    }`,
  );
  return asDemoUsers(http, tokens);
}

/**
 * `npm run demo:load`: loads January to June 2023 (the seed article's cases, generated issues,
 * the daily record from March, and the published Q2 review) as the demo bureau's users, each
 * command sent by who would have sent it. With ENGINE_URL it talks to a running engine;
 * otherwise it starts the engine in this process on DATA_DIR, loads over loopback HTTP, and
 * stops. Loading twice appends nothing new (but the sign-ins).
 */
async function main(): Promise<void> {
  const target = process.env.ENGINE_URL;
  const config = loadConfig();
  const app = target ? null : await createApp({ ...config, logLevel: 'silent' });
  let baseUrl = target ?? '';
  if (app) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }
  try {
    const started = Date.now();
    const client = await demoClient(baseUrl.replace(/\/$/, ''), config.dataDir);
    const result = await loadDemoStory(client, (line) => console.log(line));
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
