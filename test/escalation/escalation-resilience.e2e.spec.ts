import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { delayedTime } from '../../src/escalation/queue/check-queue';
import { deadlineJobId } from '../../src/escalation/queue/deadline-jobs';
import { dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { waitUntil } from '../event-store/fixtures/helpers';
import type { AppConfig } from '../../src/config/app-config';
import {
  aReport,
  DEFAULT_USER,
  ensureUser,
  signIn,
  startTestApp,
  TEST_ADMIN_PASSWORD,
  testConfig,
  type TestApp,
} from '../e2e/test-app';
import { startEngineProcess, startOwnRedis, type OwnRedis } from './engine-processes';
import {
  escalationsIn,
  expectLadder,
  FAST_POLICY,
  secondsFromNow,
  type HistoryItem,
} from './escalation-e2e-helpers';
import { HOUR, HOURS_POLICY, LadderDriver, TEST_CLOCK_ENV, TestClock } from './ladder-driver';

/**
 * Nothing lost, nothing doubled: every test here runs on a Redis server of its own (so it can
 * be flushed without touching anyone else's) and checks the history of every issue: levels 1,
 * 2 and 3 exactly once each, none before the policy fires it. Engines that can share a test
 * clock run in this process on it; the engine that must die mid-check runs in its own process,
 * on the wall clock.
 */
interface Engine {
  url: string;
  /** The bearer token of the signed-in user the test acts as. */
  token: string | null;
}

const bearer = (engine: Engine): Record<string, string> =>
  engine.token ? { authorization: `Bearer ${engine.token}` } : {};

/** An engine process as the default test user (it signs in as admin first to create it). */
async function signedIn(engine: { url: string }): Promise<Engine> {
  const admin = await signIn(engine.url, 'admin', TEST_ADMIN_PASSWORD);
  const user = await ensureUser(engine.url, admin, DEFAULT_USER);
  return { url: engine.url, token: user.token };
}

async function getJson(engine: Engine, route: string): Promise<any> {
  const response = await fetch(engine.url + route, { headers: bearer(engine) });
  return response.json();
}

async function post(engine: Engine, route: string, body: unknown): Promise<any> {
  const response = await fetch(engine.url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(engine) },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.status !== 201) throw new Error(`POST ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Reports an issue with one item due at `dueAt`; gives the ids. */
async function issueDueAt(engine: Engine, dueAt: string): Promise<{ issueId: string; itemId: string }> {
  const { issueId } = await post(engine, '/issues', aReport());
  const { remediationId } = await post(engine, `/issues/${issueId}/remediations`, {
    responsibleUnit: '某建设单位',
    action: '修复',
    dueAt,
    assignedBy: '驻思明区工作组',
  });
  return { issueId, itemId: remediationId };
}

const historyOf = (engine: Engine, issueId: string): Promise<HistoryItem[]> =>
  getJson(engine, `/issues/${issueId}/history`);

type Issue = { issueId: string; itemId: string; dueAt: string };

/** Every item's ladder exactly at the hours policy's times, once each, and nothing of theirs left to run. */
async function expectEveryLadderOnce(engine: Engine, ladder: LadderDriver, issues: Issue[]): Promise<void> {
  for (const issue of issues) {
    expectLadder(await historyOf(engine, issue.issueId), issue.dueAt, issue.itemId, {
      stepMs: 2 * HOUR,
      exact: true,
    });
    expect((await ladder.pending(issue.issueId)).filter((c) => c.remediationId === issue.itemId)).toEqual([]);
  }
}

/** Whether every item's check for `level` is queued, waiting for its time. */
async function queued(ladder: LadderDriver, issues: Issue[], level: number): Promise<boolean> {
  for (const issue of issues) {
    const checks = await ladder.pending(issue.issueId);
    if (!checks.some((c) => c.remediationId === issue.itemId && c.kind === 'escalate' && c.level === level))
      return false;
  }
  return true;
}

/**
 * Level 1 at the due time and nothing else for an hour: no warning for a crash to land on, and
 * no level 2 whose arrival would make a re-run level 1 check harmless whatever the saga did.
 */
function levelOneOnlyPolicy(dir: string): string {
  const file = path.join(dir, 'level-one-only.yaml');
  const fast = fs.readFileSync(FAST_POLICY, 'utf8');
  fs.writeFileSync(
    file,
    fast.replace('warningShare: 0.75', 'warningShare: null').replaceAll('2: 2s, 3: 4s', '2: 1h, 3: 2h'),
  );
  return file;
}

describe('automatic escalation survives Redis and engine failures', () => {
  let redis: OwnRedis;
  /** What each test leaves to close (engines, schemas), run after it whatever happened in it, last first. */
  const cleanUps: Array<() => Promise<unknown>> = [];
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-resilience-'));
    dirs.push(dir);
    return dir;
  };
  /** An engine in this process, closed after the test. */
  const engineHere = async (config: AppConfig, clock?: TestClock): Promise<TestApp> => {
    const engine = await startTestApp(
      config.eventStore === 'postgres' ? 'postgres' : 'sqlite',
      config,
      clock,
    );
    cleanUps.push(() => engine.close());
    return engine;
  };

  beforeEach(async () => {
    redis = await startOwnRedis();
  });
  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
    await redis.stop();
  });
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('escalates every item exactly once per level although Redis is flushed while checks are pending', async () => {
    const clock = new TestClock();
    // Full passes every second of the test clock, which stands still while Redis is flushed:
    // what repairs each flush is the probe (every second) noticing that Redis lost the mark.
    const t = await engineHere(
      testConfig('sqlite', tempDir(), undefined, {
        ...TEST_CLOCK_ENV,
        REDIS_URL: redis.url,
        ESCALATION_POLICY: HOURS_POLICY,
        ESCALATION_RECONCILE_INTERVAL_MS: '1000',
      }),
      clock,
    );
    const ladder = new LadderDriver(clock, [t]);
    const dueAt = clock.in(3 * HOUR);
    const issues = await Promise.all(
      Array.from({ length: 5 }, async () => ({ ...(await issueDueAt(t, dueAt)), dueAt })),
    );
    const ids = issues.map((i) => i.issueId);
    // Every check (warnings, level 1 of each item) is pending: lose them all.
    expect(await queued(ladder, issues, 1)).toBe(true);
    const before = (await ladder.reconciledNow()).runs;
    await redis.client.flushall();
    await waitUntil(() => queued(ladder, issues, 1), 'the level 1 checks back in Redis');
    expect(ladder.reconciler().runs).toBeGreaterThan(before);

    await ladder.advanceTo(dueAt, ...ids);
    for (const { issueId } of issues)
      expect(escalationsIn(await historyOf(t, issueId)).map((e) => e.data.level)).toEqual([1]);
    // Once level 1 is through, and a pass has seen the clock there, lose the level 2 checks too.
    const passed = (await ladder.reconciledNow()).runs;
    await redis.client.flushall();
    await waitUntil(() => queued(ladder, issues, 2), 'the level 2 checks back in Redis');
    expect(ladder.reconciler().runs).toBeGreaterThan(passed);

    await ladder.advanceTo(new Date(Date.parse(dueAt) + 4 * HOUR).toISOString(), ...ids);
    await expectEveryLadderOnce(t, ladder, issues);
  });

  it('escalates each level once with two engines on one Redis and one PostgreSQL scheduling and working the same checks', async () => {
    const clock = new TestClock();
    const schema = freshSchemaName('esc');
    cleanUps.push(() => dropSchema(schema));
    const config = testConfig('postgres', tempDir(), schema, {
      ...TEST_CLOCK_ENV,
      REDIS_URL: redis.url,
      ESCALATION_QUEUE_PREFIX: 'shared',
      ESCALATION_POLICY: HOURS_POLICY,
    });
    const engines = [await engineHere(config, clock), await engineHere(config, clock)];
    const [a, b] = engines;
    const ladder = new LadderDriver(clock, engines);
    const dueAt = clock.in(4 * HOUR);
    const issues = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => ({ ...(await issueDueAt(i % 2 ? a : b, dueAt)), dueAt })),
    );
    const ran = await ladder.advanceTo(
      new Date(Date.parse(dueAt) + 4 * HOUR).toISOString(),
      ...issues.map((i) => i.issueId),
    );
    // Each check ran once, whichever engine queued its job first and whichever worker took it.
    expect(new Set(ran.map((r) => r.checkKey)).size).toBe(ran.length);
    expect(ran.filter((r) => r.kind === 'escalate')).toHaveLength(3 * issues.length);
    await expectEveryLadderOnce(a, ladder, issues);
  });

  it.each(['crash-after-append', 'crash-before-append'])(
    'neither loses nor doubles the escalation an engine process was running when it died (%s)',
    async (fault) => {
      const schema = freshSchemaName('esc');
      cleanUps.push(() => dropSchema(schema));
      const dir = tempDir();
      const env = {
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        DATABASE_URL: TEST_PG_URL,
        DATABASE_SCHEMA: schema,
        DATA_DIR: dir,
        REDIS_URL: redis.url,
        ESCALATION_QUEUE_PREFIX: 'shared',
        ESCALATION_POLICY: levelOneOnlyPolicy(dir),
        ESCALATION_RECONCILE_INTERVAL_MS: '1000',
        ESCALATION_LOCK_MS: '1500',
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      };
      const doomed = await startEngineProcess({ ...env, TEST_CHECK_FAULT: fault });
      cleanUps.push(() => doomed.stop());
      const dueAt = secondsFromNow(1.5);
      const issue = await issueDueAt(await signedIn(doomed), dueAt);
      // Its first due check kills it: after the append and before the acknowledgement, or just before the append.
      await waitUntil(
        () => doomed.child.signalCode !== null || doomed.child.exitCode !== null,
        'the engine to die mid-check',
        15_000,
      );
      expect(doomed.child.signalCode).toBe('SIGKILL');

      // The survivor takes the dead engine's job over once its lock expires, runs level 1 to the
      // end and puts the job back for level 2, an hour after the due time.
      const survivor = await engineHere(testConfig('postgres', dir, schema, env));
      const jobId = deadlineJobId({ issueId: issue.issueId, remediationId: issue.itemId, dueAt });
      await waitUntil(
        async () => {
          const score = await redis.client.zscore('shared:escalation-checks:delayed', jobId);
          return score !== null && delayedTime(score) > Date.parse(dueAt) + HOUR / 2;
        },
        'the check to be taken over and finished',
        20_000,
      );
      const escalations = escalationsIn(await historyOf(survivor, issue.issueId));
      expect(escalations.map((e) => e.data.level)).toEqual([1]);
      expect(Date.parse(escalations[0].recordedAt)).toBeGreaterThanOrEqual(Date.parse(dueAt));
    },
  );
});
