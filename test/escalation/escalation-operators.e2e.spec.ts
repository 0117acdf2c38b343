import * as fs from 'node:fs';
import type { Queue } from 'bullmq';
import { EscalationStatus } from '../../src/escalation/escalation-status';
import { deadlineJobId, type CheckJobData } from '../../src/escalation/queue/deadline-jobs';
import { waitUntil } from '../event-store/fixtures/helpers';
import { aReport, startTestApp, testConfig, type TestApp } from '../e2e/test-app';
import { FAST_POLICY } from './escalation-e2e-helpers';

/** What an operator relies on: poison checks parked with their reason, and the board. */
describe('escalation operations', () => {
  let t: TestApp;
  let checks: Queue<CheckJobData>;

  beforeAll(async () => {
    t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { ESCALATION_POLICY: FAST_POLICY }),
    );
    checks = t.app.get(EscalationStatus).queues()[0] as Queue<CheckJobData>;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('parks a check job of an issue the log does not have in the failed set after one attempt, with the reason', async () => {
    const jobId = deadlineJobId({
      issueId: 'no-such-issue',
      remediationId: 'r-1',
      dueAt: '2023-03-01T00:00:00.000Z',
    });
    await checks.add('r-1', { issueId: 'no-such-issue' }, { jobId, attempts: 10 });
    await waitUntil(async () => (await checks.getJobState(jobId)) === 'failed', 'the poison check to fail');
    const job = await checks.getJob(jobId);
    expect(job?.failedReason).toBe('issue no-such-issue does not exist');
    expect(job?.attemptsMade).toBe(1);
    const health = await t.get('/health');
    expect(health.body.escalation.checks.failed).toBeGreaterThanOrEqual(1);
  });

  it('serves Bull Board at /queues with both queues, to admin only', async () => {
    const page = await t.admin.get('/queues');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Escalation queues');
    expect((await t.anonymous.get('/queues')).status).toBe(401);
    const leader = await t.get('/queues/api/queues');
    expect(leader).toMatchObject({
      status: 403,
      body: { message: 'role leadership may not operate the escalation queues' },
    });
    // Pausing every queue is exactly what a non-admin must not do.
    const pause = await t.request('PUT', '/queues/api/queues/pause');
    expect(pause.status).toBe(403);
    const api = await t.admin.get('/queues/api/queues');
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'escalation-checks',
      'escalation-notifications',
    ]);
  });

  it('refuses to start on a policy file with a bad entry, naming it', async () => {
    const bad = testConfig('sqlite', undefined, undefined, { ESCALATION_POLICY: __filename });
    await expect(startTestApp('sqlite', bad)).rejects.toThrow(/ESCALATION_POLICY .*escalation-operators/);
    fs.rmSync(bad.dataDir, { recursive: true, force: true });
  });
});

describe('an engine whose Redis is away', () => {
  it('still takes commands and answers queries, and says on /health that nothing escalates until Redis is back', async () => {
    // A port nothing listens on.
    const t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { REDIS_URL: 'redis://127.0.0.1:1' }),
    );
    try {
      const report = await t.post('/issues', aReport());
      expect(report.status).toBe(201);
      const view = await t.get(`/issues/${report.body.issueId}?minPosition=${report.body.position}`);
      expect(view.status).toBe(200);
      const health = await t.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'degraded',
        ready: true,
        escalation: { status: 'down', redis: 'down' },
      });
      expect(health.body.escalation.error).toContain('redis-server');
    } finally {
      await t.destroy().catch(() => undefined);
    }
  });
});

describe('an engine with ESCALATION=off', () => {
  it('builds no escalation at all, yet takes commands, shows the next step of the ladder, and says so on /health', async () => {
    // A Redis nobody listens on: with escalation off the engine never needs one.
    const t = await startTestApp(
      'sqlite',
      testConfig('sqlite', undefined, undefined, { ESCALATION: 'off', REDIS_URL: 'redis://127.0.0.1:1' }),
    );
    try {
      const report = await t.post('/issues', aReport());
      expect(report.status).toBe(201);
      const view = await t.get(`/issues/${report.body.issueId}?minPosition=${report.body.position}`);
      expect(view.body.nextEscalation).toMatchObject({ level: 1, trigger: 'no-response' });
      const health = await t.get('/health');
      expect(health.body).toMatchObject({ status: 'ok', escalation: { status: 'off' } });
      // Bull Board is the admin's (queues.operate): with escalation off it shows no queue.
      expect((await t.admin.get('/queues/api/queues')).body.queues).toEqual([]);
    } finally {
      await t.destroy().catch(() => undefined);
    }
  });
});
