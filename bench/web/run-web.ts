import * as fs from 'node:fs';
import * as path from 'node:path';
import { openEventStore } from '../../src/config/open-stores';
import { asDemoUsers, fetchJson, signInDemoUsers } from '../../src/demo/demo-sign-in';
import { loadDemoStory } from '../../src/demo/load-demo';
import { HttpClient } from '../http-client';
import { waitForCatchUp, type CatchUp } from '../projection-lag';
import { BENCH_ADMIN_PASSWORD } from '../server-protocol';
import { startServerProcess, type ServerProcess } from '../server-process';
import { freshTarget } from '../store-setup';
import { multiplyDemo, type Multiplied } from './multiply-demo';
import { measureBoard, type PageTimings } from './page-timings';

/** The built page the engine serves (npm run bench builds it first, as npm run build does). */
const WEB_DIST = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');
const DEMO_PASSWORD = 'Bench-Demo-Pass-2023';
/** The demo's bureau leader: city-wide, sees every issue. */
const LEADER = 'bureau-leader';

export interface WebPageResults {
  demo: { issues: number; commands: number; ms: number };
  multiplied: Multiplied;
  catchUp: CatchUp;
  page: PageTimings;
}

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Engine with the built page, automatic escalation off: the page is measured, not the ladder. */
const startEngine = (dataDir: string, env: Record<string, string>): Promise<ServerProcess> =>
  startServerProcess(dataDir, { ...env, WEB_DIR: WEB_DIST, BENCH_ESCALATION: 'off' });

/**
 * The web page with real volume (issue 12): the demo loaded through the API as the demo's
 * users, multiplied to `issues` issues straight in the event store (engine stopped), the
 * engine restarted and its projections caught up; then the board in chromium as the bureau
 * leader. SQLite (the default setup). BENCH_WEB_ISSUES (10,000), BENCH_WEB_REPEATS (5).
 */
export async function benchWebPage(keep: boolean): Promise<WebPageResults> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built page in ${WEB_DIST}: run npm run build first`);
  const issues = Number(process.env.BENCH_WEB_ISSUES ?? 10_000);
  const repeats = Number(process.env.BENCH_WEB_REPEATS ?? 5);
  const target = freshTarget('sqlite', 'web', '');
  try {
    log(`web: loading the demo on ${target.dataDir}…`);
    let server = await startEngine(target.dataDir, target.env);
    const started = Date.now();
    let demo: { issues: number; commands: number };
    try {
      const http = fetchJson(server.url);
      const admin = await new HttpClient(server.url).post<{ accessToken: string }>(
        '/auth/login',
        { username: 'admin', password: BENCH_ADMIN_PASSWORD },
        200,
      );
      demo = await loadDemoStory(
        asDemoUsers(http, await signInDemoUsers(http, admin.body.accessToken, DEMO_PASSWORD)),
      );
    } finally {
      await server.stop();
    }
    const demoMs = Date.now() - started;

    log(`web: multiplying the demo's ${demo.issues} issues to ${issues} in the event store…`);
    const store = await openEventStore(target.appConfig());
    let multiplied: Multiplied;
    try {
      multiplied = await multiplyDemo(store, issues);
    } finally {
      await store.close();
    }

    server = await startEngine(target.dataDir, target.env);
    try {
      log(`web: ${multiplied.events} events appended; waiting for the projections to catch up…`);
      // 70,000 events from zero on a busy machine: minutes, not the load benchmarks' seconds.
      const catchUp = await waitForCatchUp(new HttpClient(server.url), 900_000);
      log(`web: measuring the board in chromium (${repeats} times each)…`);
      const page = await measureBoard(server.url, LEADER, DEMO_PASSWORD, repeats);
      return { demo: { ...demo, ms: demoMs }, multiplied, catchUp, page };
    } finally {
      await server.stop();
    }
  } finally {
    if (keep) log(`kept ${target.dataDir}`);
    else await target.remove();
  }
}
