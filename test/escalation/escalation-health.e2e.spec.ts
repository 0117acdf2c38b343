import * as net from 'node:net';
import { EscalationStatus } from '../../src/escalation/escalation-status';
import { EscalationScheduler } from '../../src/escalation/queue/escalation-scheduler';
import { defaultQueuePrefix, QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import { Reconciler } from '../../src/escalation/queue/reconciler';
import { dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { waitUntil } from '../event-store/fixtures/helpers';
import { startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { TEST_REDIS_URL } from '../e2e/redis-keys';
import { startOwnRedis, type OwnRedis } from './engine-processes';
import { assignItem, reportIssue } from './escalation-e2e-helpers';
import { CheckQueueView, HOUR, HOURS_POLICY, TestClock } from './ladder-driver';

/**
 * What an operator reads on /health about automatic escalation, and can rely on: a paused
 * queue shows, a normal start notes no error, an error that is over does not linger, and the
 * engines of one deployment share one set of queues that no other deployment's engine touches.
 * The engines run on a test clock and the hours policy, so no check falls due by itself.
 */
const escalationHealth = async (t: TestApp): Promise<any> => (await t.get('/health')).body.escalation;

/** Waits until the engine's reconciler has finished a pass that began after `runs` passes. */
async function reconciledAfter(t: TestApp, runs: number): Promise<void> {
  const reconciler = t.app.get(Reconciler);
  await waitUntil(() => {
    const state = reconciler.state();
    return !state.running && state.runs > runs;
  }, `a reconciler pass after pass ${runs}`);
}

const hoursPolicy = (extra: Record<string, string> = {}) =>
  testConfig('sqlite', undefined, undefined, { ESCALATION_POLICY: HOURS_POLICY, ...extra });

describe('/health on an engine started normally (the local Redis up)', () => {
  let t: TestApp;
  let issueId: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', hoursPolicy(), new TestClock());
    // A command at once, before anything had time to settle: its checks must be queued, not failed.
    issueId = await reportIssue(t);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('notes no error: the first command is scheduled, the first reconciliation passes, and /health has no lastError', async () => {
    const checks = new CheckQueueView([t]);
    expect((await checks.pending(issueId)).map((c) => c.trigger)).toContain('no-response');
    await reconciledAfter(t, 0);
    expect(await escalationHealth(t)).toMatchObject({
      status: 'up',
      lastError: null,
      lastErrorAt: null,
      lastResolvedError: null,
      reconciler: { lastError: null },
    });
  });

  it('says degraded and names the queue an operator paused, and up again once it is resumed', async () => {
    const [checks, notifications] = t.app.get(EscalationStatus).queues();
    try {
      await checks.pause();
      let health = (await t.get('/health')).body;
      expect(health.status).toBe('degraded');
      expect(health.escalation).toMatchObject({ status: 'degraded', paused: [QUEUE_NAMES.checks] });

      await notifications.pause();
      health = (await t.get('/health')).body;
      expect(health.escalation.paused).toEqual([QUEUE_NAMES.checks, QUEUE_NAMES.notifications]);

      await checks.resume();
      expect((await escalationHealth(t)).paused).toEqual([QUEUE_NAMES.notifications]);
    } finally {
      await checks.resume();
      await notifications.resume();
    }
    const health = (await t.get('/health')).body;
    expect(health.status).toBe('ok');
    expect(health.escalation).toMatchObject({ status: 'up', paused: [] });
  });
});

/**
 * A TCP relay to the local Redis that holds every connection until released: an engine that
 * starts, and takes a command, before its Redis connections are up (a busy machine, a slow link).
 */
async function heldRedis(): Promise<{ url: string; release(): void; close(): Promise<void> }> {
  const target = new URL(TEST_REDIS_URL);
  const held: net.Socket[] = [];
  const open = new Set<net.Socket>();
  let released = false;
  const relay = (client: net.Socket) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };
  const server = net.createServer((client) => (released ? relay(client) : held.push(client)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}${target.pathname}`,
    release: () => {
      released = true;
      held.splice(0).forEach(relay);
    },
    close: async () => {
      for (const socket of [...held, ...open]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('an engine whose Redis connections come up after it took its first command', () => {
  it('queues that command\'s checks once they are up, and notes no error ("Stream isn\'t writeable", "not connected")', async () => {
    const redis = await heldRedis();
    // Watched, not replaced: Redis is released only once the first batch reached the scheduler
    // and the reconciler's probe (private; every 200 ms here) has ticked while it was held.
    const react = jest.spyOn(EscalationScheduler.prototype, 'react');
    const probe = jest.spyOn(Reconciler.prototype as unknown as { probe(): Promise<void> }, 'probe');
    // The scheduler watched on this thread, whatever TEST_PROJECTIONS_THREAD says.
    const config = hoursPolicy({
      REDIS_URL: redis.url,
      ESCALATION_RECONCILE_INTERVAL_MS: '200',
      PROJECTIONS_THREAD: 'main',
    });
    const t = await startTestApp('sqlite', config, new TestClock());
    try {
      const issueId = await reportIssue(t);
      await waitUntil(
        () => react.mock.calls.length > 0 && probe.mock.calls.length > 0,
        'the first batch at the scheduler, and a probe',
      );
      redis.release();
      const checks = new CheckQueueView([t]);
      await waitUntil(async () => (await checks.pending(issueId)).length > 0, 'the checks of the report');
      await reconciledAfter(t, 0);
      expect(await escalationHealth(t)).toMatchObject({
        status: 'up',
        lastError: null,
        lastResolvedError: null,
        reconciler: { lastError: null },
      });
    } finally {
      react.mockRestore();
      probe.mockRestore();
      redis.release();
      await t.destroy();
      await redis.close();
    }
  });
});

describe('an error that is over', () => {
  let redis: OwnRedis | null = null;
  afterAll(async () => {
    await redis?.stop();
  });

  it('leaves /health once Redis is back, the reconciler has passed and the scheduler has queued what it could not (the error kept as lastResolvedError)', async () => {
    redis = await startOwnRedis();
    const { port } = redis;
    const clock = new TestClock();
    const t = await startTestApp('sqlite', hoursPolicy({ REDIS_URL: redis.url }), clock);
    try {
      const checks = new CheckQueueView([t]);
      const before = await reportIssue(t);
      await checks.pending(before);
      await reconciledAfter(t, 0);
      expect((await escalationHealth(t)).lastError).toBeNull();

      await redis.stop();
      // Commands still work; the scheduler cannot queue this one's check and retries it.
      const during = await reportIssue(t);
      const dueAt = clock.in(4 * HOUR);
      const itemId = await assignItem(t, during, dueAt);
      await waitUntil(
        async () => /^scheduling checks failed/.test((await escalationHealth(t)).lastError ?? ''),
        "the scheduler's failed batch on /health",
      );
      const outage = await escalationHealth(t);
      expect(outage).toMatchObject({ status: 'down', redis: 'down', lastErrorAt: clock.now().toISOString() });
      const passesBefore = t.app.get(Reconciler).state().runs;

      // A minute later Redis is back at the same address, empty: what it held is gone with it.
      clock.set(Date.parse(clock.in(60_000)));
      redis = await startOwnRedis(port);
      await waitUntil(
        async () => (await escalationHealth(t)).lastError === null,
        'the error to leave /health',
        20_000,
      );
      const after = await escalationHealth(t);
      expect(after).toMatchObject({
        status: 'up',
        redis: 'up',
        lastErrorAt: null,
        reconciler: { lastError: null },
      });
      expect(after.lastResolvedError).toEqual({
        error: expect.any(String),
        at: expect.any(String),
        resolvedAt: clock.now().toISOString(),
      });
      expect(after.lastResolvedError.at >= outage.lastErrorAt).toBe(true);
      expect(t.app.get(Reconciler).state().runs).toBeGreaterThan(passesBefore);
      // Nothing was lost: the check the scheduler could not queue, and the one the empty Redis lost.
      expect((await checks.pending(during)).map((c) => [c.remediationId, c.runAt])).toContainEqual([
        itemId,
        new Date(Date.parse(dueAt)).toISOString(),
      ]);
      expect((await checks.pending(before)).length).toBeGreaterThan(0);
    } finally {
      await t.destroy();
    }
  });
});

describe('the default queue prefix', () => {
  it('is one for the engines of one PostgreSQL schema, shown on /health, and theirs alone', async () => {
    const schema = freshSchemaName('prefix');
    const shared = () =>
      testConfig('postgres', undefined, schema, {
        ESCALATION_QUEUE_PREFIX: '',
        ESCALATION_POLICY: HOURS_POLICY,
      });
    const clock = new TestClock();
    const engines: TestApp[] = [];
    try {
      engines.push(await startTestApp('postgres', shared(), clock));
      engines.push(await startTestApp('postgres', shared(), clock));
      engines.push(await startTestApp('sqlite', hoursPolicy({ ESCALATION_QUEUE_PREFIX: '' }), clock));
      const [a, b, elsewhere] = engines;
      const prefix = defaultQueuePrefix({ kind: 'postgres', databaseUrl: TEST_PG_URL, schema });
      expect((await escalationHealth(a)).queuePrefix).toBe(prefix);
      expect((await escalationHealth(b)).queuePrefix).toBe(prefix);
      expect((await escalationHealth(elsewhere)).queuePrefix).toMatch(/^engine-[0-9a-f]{12}$/);
      expect((await escalationHealth(elsewhere)).queuePrefix).not.toBe(prefix);

      // What one engine of the deployment schedules, the other sees; the other deployment does not.
      const issueId = await reportIssue(a);
      const checks = await new CheckQueueView([a]).pending(issueId);
      expect(checks.length).toBeGreaterThan(0);
      // One job per deadline, whatever the checks it will run (a warning, then the level).
      const queued = new Set(checks.map((c) => c.remediationId)).size;
      expect((await b.app.get(EscalationStatus).queues()[0].getJobCounts('delayed')).delayed).toBe(queued);
      expect((await elsewhere.app.get(EscalationStatus).queues()[0].getJobCounts('delayed')).delayed).toBe(0);
    } finally {
      // Both closed before the first one's destroy drops the schema they share.
      for (const engine of engines) await engine.close();
      for (const engine of engines) await engine.destroy();
      await dropSchema(schema);
    }
  });
});
