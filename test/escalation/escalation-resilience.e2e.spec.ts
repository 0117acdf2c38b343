import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { sleep, waitUntil } from '../event-store/fixtures/helpers';
import { aReport, startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { checkJobId } from '../../src/escalation/checks/escalation-check';
import { startEngineProcess, startOwnRedis, type EngineProcess, type OwnRedis } from './engine-processes';
import {
  escalationsIn,
  expectFastLadder,
  FAST_POLICY,
  secondsFromNow,
  type HistoryItem,
} from './escalation-e2e-helpers';

/**
 * Nothing lost, nothing doubled: every test here runs on a Redis server of its own (so it can
 * be flushed without touching anyone else's) and checks the history of every issue: levels 1,
 * 2 and 3 exactly once each, none before the policy fires it.
 */
interface Engine {
  url: string;
}

async function getJson(engine: Engine, route: string): Promise<any> {
  const response = await fetch(engine.url + route);
  return response.json();
}

async function post(engine: Engine, route: string, body: unknown): Promise<any> {
  const response = await fetch(engine.url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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

/** Waits until every issue shows three escalations, then a while longer, and checks the ladder once each. */
async function expectEveryLadderOnce(
  engine: Engine,
  issues: Array<{ issueId: string; itemId: string; dueAt: string }>,
): Promise<void> {
  await waitUntil(
    async () =>
      (
        await Promise.all(
          issues.map(async (i) => escalationsIn(await historyOf(engine, i.issueId)).length >= 3),
        )
      ).every(Boolean),
    'every issue at level 3',
    30_000,
  );
  // Long enough for any duplicate (a stalled job re-run, a re-added check) to have shown.
  await sleep(2500);
  for (const issue of issues)
    expectFastLadder(await historyOf(engine, issue.issueId), issue.dueAt, issue.itemId);
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
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-resilience-'));
    dirs.push(dir);
    return dir;
  };

  beforeEach(async () => {
    redis = await startOwnRedis();
  });
  afterEach(async () => {
    await redis.stop();
  });
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('escalates every item exactly once per level although Redis is flushed while checks are pending', async () => {
    const t: TestApp = await startTestApp(
      'sqlite',
      // The default five-minute full pass: what repairs the flushes here is the probe noticing
      // that Redis lost the reconciler's mark (every 5 s).
      testConfig('sqlite', tempDir(), undefined, {
        REDIS_URL: redis.url,
        ESCALATION_POLICY: FAST_POLICY,
        ESCALATION_RECONCILE_INTERVAL_MS: '300000',
      }),
    );
    try {
      const dueAt = secondsFromNow(3);
      const issues = await Promise.all(
        Array.from({ length: 5 }, async () => ({ ...(await issueDueAt(t, dueAt)), dueAt })),
      );
      // Every check (warnings, level 1 of each item) is pending: lose them all.
      await waitUntil(
        async () => (await redis.client.keys('*:escalation-checks:*')).length > 0,
        'checks queued',
      );
      await redis.client.flushall();
      // Once level 1 is through, lose the level 2 checks too.
      await waitUntil(
        async () =>
          (
            await Promise.all(
              issues.map(async (i) => escalationsIn(await historyOf(t, i.issueId)).length >= 1),
            )
          ).every(Boolean),
        'level 1 everywhere',
        15_000,
      );
      await redis.client.flushall();
      await expectEveryLadderOnce(t, issues);
      const health = await getJson(t, '/health');
      // The pass at start, and one after each flush.
      expect(health.escalation.reconciler.runs).toBeGreaterThanOrEqual(3);
    } finally {
      await t.destroy();
    }
  });

  describe('several engine processes on one Redis and one PostgreSQL', () => {
    let schema: string;
    let env: Record<string, string>;
    const engines: EngineProcess[] = [];

    beforeEach(() => {
      schema = freshSchemaName('esc');
      env = {
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        DATABASE_URL: TEST_PG_URL,
        DATABASE_SCHEMA: schema,
        DATA_DIR: tempDir(),
        REDIS_URL: redis.url,
        ESCALATION_QUEUE_PREFIX: 'shared',
        ESCALATION_POLICY: FAST_POLICY,
        ESCALATION_RECONCILE_INTERVAL_MS: '1000',
        ESCALATION_LOCK_MS: '1500',
      };
    });
    afterEach(async () => {
      await Promise.all(engines.splice(0).map((e) => e.stop()));
      await dropSchema(schema);
    });

    it('escalates each level once with two engines scheduling and working the same checks', async () => {
      engines.push(await startEngineProcess(env), await startEngineProcess(env));
      const [a, b] = engines;
      const dueAt = secondsFromNow(4);
      const issues = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => ({ ...(await issueDueAt(i % 2 ? a : b, dueAt)), dueAt })),
      );
      await expectEveryLadderOnce(a, issues);
    });

    it.each(['crash-after-append', 'crash-before-append'])(
      'neither loses nor doubles an escalation when the engine running it dies mid-check (%s)',
      async (fault) => {
        const policy = levelOneOnlyPolicy(env.DATA_DIR);
        const doomed = await startEngineProcess({
          ...env,
          ESCALATION_POLICY: policy,
          TEST_CHECK_FAULT: fault,
        });
        engines.push(doomed);
        const dueAt = secondsFromNow(1.5);
        const issue = await issueDueAt(doomed, dueAt);
        // Its first due check kills it: after the append and before the acknowledgement, or just before the append.
        await waitUntil(
          () => doomed.child.signalCode !== null || doomed.child.exitCode !== null,
          'the engine to die mid-check',
          15_000,
        );
        expect(doomed.child.signalCode).toBe('SIGKILL');

        const survivor = await startEngineProcess({ ...env, ESCALATION_POLICY: policy });
        engines.push(survivor);
        // The survivor takes the dead engine's check over once its lock expires, and runs it to the end.
        const jobKey = `shared:escalation-checks:${checkJobId({ kind: 'escalate', issueId: issue.issueId, remediationId: issue.itemId, level: 1, dueAt })}`;
        await waitUntil(
          async () => (await redis.client.hget(jobKey, 'finishedOn')) !== null,
          'the check to be taken over and finished',
          20_000,
        );
        const escalations = escalationsIn(await historyOf(survivor, issue.issueId));
        expect(escalations.map((e) => e.data.level)).toEqual([1]);
        expect(Date.parse(escalations[0].recordedAt)).toBeGreaterThanOrEqual(Date.parse(dueAt));
      },
    );
  });
});
