import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { NewEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { Reactor } from '../../src/reactors/reactor';
import { connectionFrom, QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import {
  issueStreamId,
  schemaVersionOf,
  type IssueEscalated,
  type IssueReported,
} from '../../src/issues/domain/issue-events';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { startNotifications, type Notifications } from '../../src/notifications/notifications';
import { NotificationReaction, notificationJobId } from '../../src/notifications/notification-reaction';
import type { NotificationPayload } from '../../src/notifications/notification-payload';
import { verifyWebhook } from '../../src/notifications/webhook-signature';
import { waitUntil } from '../event-store/fixtures/helpers';
import { startReceiver, type Receiver } from './receiver';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'test-webhook-secret';
const prefixBase = `test-notify-${process.pid}-${Date.now()}`;

interface Setup {
  store: SqliteEventStore;
  readStore: SqliteReadStore;
  notifications: Notifications;
  receivers: Receiver[];
  dir: string;
  prefix: string;
}

let running: Setup[] = [];
let count = 0;

/** Real SQLite stores in a temp dir, real receivers, and the notifications as the app starts them. */
async function setup(receivers: Receiver[], backoffMs = 200): Promise<Setup> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-'));
  const store = SqliteEventStore.open(path.join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
  const readStore = SqliteReadStore.open(path.join(dir, 'read.sqlite'));
  const prefix = `${prefixBase}-${++count}`;
  const notifications = await startNotifications({
    eventStore: store,
    readStore,
    redisUrl: REDIS_URL,
    prefix,
    webhooks: receivers.map((r) => r.url),
    secret: SECRET,
    upcast: upcastIssueEvent,
    // Small backoff so retries happen within the test: 200 ms, then 400 ms, unless a test needs less.
    attempts: 4,
    backoffMs,
    timeoutMs: 5000,
  });
  const s = { store, readStore, notifications, receivers, dir, prefix };
  running.push(s);
  return s;
}

afterEach(async () => {
  for (const s of running) {
    await s.notifications.stop();
    const queue = new Queue(QUEUE_NAMES.notifications, {
      connection: connectionFrom(REDIS_URL),
      prefix: s.prefix,
    });
    await queue.obliterate({ force: true });
    await queue.close();
    for (const r of s.receivers) await r.close();
    await s.store.close();
    await s.readStore.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
  running = [];
});

const meta = (occurredAt: string, actor: string) => ({
  correlationId: randomUUID(),
  causationId: null,
  actor,
  occurredAt,
  schemaVersion: 1,
});

/** Reports a Siming road issue and escalates its overdue item to level 2; returns the escalation's event id. */
async function reportAndEscalate(store: SqliteEventStore, issueId = randomUUID()): Promise<string> {
  const reported: IssueReported['data'] = {
    issueId,
    title: '何厝片区多工地共用道路破损',
    description: '多个在建工地共用的进场道路路面破损、积水，责任不清',
    category: 'on-site-rectification',
    severity: 'high',
    district: 'siming',
    site: '何厝片区安置房',
    source: 'inspection',
    reportedBy: '驻思明区工作组',
    occurredAt: '2023-07-03T02:00:00.000Z',
  };
  const escalated: IssueEscalated['data'] = {
    issueId,
    level: 2,
    trigger: 'overdue',
    reason: 'remediation item overdue',
    by: 'system:escalation',
    remediationId: 'rem-road-repair',
    dueAt: '2023-07-11T10:00:00.000Z',
    escalatedTo: { body: 'city-division', unit: '城市建设处', name: '陈立新', title: '城市建设处处长' },
    occurredAt: '2023-07-13T10:00:00.000Z',
  };
  const escalationId = randomUUID();
  const events: NewEvent[] = [
    {
      id: randomUUID(),
      type: 'IssueReported',
      data: reported,
      metadata: meta(reported.occurredAt, '驻思明区工作组'),
    },
    {
      id: escalationId,
      type: 'IssueEscalated',
      data: escalated,
      metadata: {
        ...meta(escalated.occurredAt, 'system:escalation'),
        schemaVersion: schemaVersionOf('IssueEscalated'),
      },
    },
  ];
  await store.appendToStream(issueStreamId(issueId), events);
  return escalationId;
}

const jobOf = (s: Setup, eventId: string, receiver: Receiver) =>
  s.notifications.queue.getJob(notificationJobId(eventId, receiver.url));

/** Nothing waiting, running or waiting for a retry. */
async function drained(s: Setup): Promise<boolean> {
  const counts = await s.notifications.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

async function stateOf(s: Setup, eventId: string, receiver: Receiver): Promise<string> {
  const job = await jobOf(s, eventId, receiver);
  return job ? job.getState() : 'missing';
}

describe('webhook notifications of escalations', () => {
  it('delivers an escalation once to each receiver, signed, with its headers; a replay delivers nothing more', async () => {
    const s = await setup([await startReceiver(), await startReceiver([], 200, '/mail-gateway')]);
    const eventId = await reportAndEscalate(s.store);

    await waitUntil(() => s.receivers.every((r) => r.received.length > 0), 'delivery to both receivers');
    await waitUntil(() => drained(s), 'the queue to settle');
    for (const r of s.receivers) {
      expect(await stateOf(s, eventId, r)).toBe('completed');
      expect(r.received).toHaveLength(1);
      const [{ headers, body }] = r.received;
      expect(headers['content-type']).toBe('application/json');
      expect(headers['user-agent']).toMatch(/escalation-engine/);
      expect(headers['x-escalation-event-id']).toBe(eventId);
      expect(headers['x-escalation-event-type']).toBe('IssueEscalated');
      const timestamp = headers['x-escalation-timestamp'] as string;
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
      expect(verifyWebhook(SECRET, timestamp, body, headers['x-escalation-signature'] as string)).toBe(true);
      expect(
        verifyWebhook('another-secret', timestamp, body, headers['x-escalation-signature'] as string),
      ).toBe(false);

      const payload = JSON.parse(body) as NotificationPayload;
      expect(payload).toMatchObject({
        kind: 'escalation',
        eventId,
        eventType: 'IssueEscalated',
        position: 2,
        occurredAt: '2023-07-13T10:00:00.000Z',
        issue: {
          title: '何厝片区多工地共用道路破损',
          district: 'siming',
          severity: 'high',
          site: '何厝片区安置房',
        },
        data: {
          level: 2,
          trigger: 'overdue',
          remediationId: 'rem-road-repair',
          escalatedTo: { unit: '城市建设处' },
        },
      });
      expect(payload.text).toContain('[升级 L2 城市建设处] 思明区 何厝片区多工地共用道路破损');
      expect(payload.text).toContain('逾期');
      expect(payload.text).not.toContain('\n');
    }
    expect(await s.notifications.queue.getJobCounts('completed', 'failed')).toEqual({
      completed: 2,
      failed: 0,
    });

    // Replay: the reactor starts over from checkpoint 0 (a fresh read store) and queues the same batch again.
    await s.notifications.reactor!.stop();
    const freshReadStore = SqliteReadStore.open(path.join(s.dir, 'fresh-read.sqlite'));
    const replay = new Reactor(
      s.store,
      freshReadStore,
      new NotificationReaction(s.store, s.notifications.queue, {
        webhooks: s.receivers.map((r) => r.url),
        upcast: upcastIssueEvent,
      }),
      { upcast: upcastIssueEvent },
    );
    try {
      await replay.start();
      await waitUntil(() => replay.position() === 2, 'the replay to pass the escalation');
    } finally {
      await replay.stop();
      await freshReadStore.close();
    }
    // Had the replay added jobs, they would be in the queue now or already delivered.
    expect(await drained(s)).toBe(true);
    for (const r of s.receivers) expect(r.received).toHaveLength(1);
  });

  it('retries a receiver answering 500 until it takes the message, without holding up the other receiver', async () => {
    const flaky = await startReceiver([500, 500]);
    const healthy = await startReceiver();
    const s = await setup([flaky, healthy]);
    const eventId = await reportAndEscalate(s.store);

    await waitUntil(
      async () => (await stateOf(s, eventId, flaky)) === 'completed',
      'the flaky receiver to take it',
    );
    expect(flaky.received).toHaveLength(3);
    // Every attempt carries the same event and body, each validly signed at its own time.
    for (const { headers, body } of flaky.received) {
      expect(headers['x-escalation-event-id']).toBe(eventId);
      expect(body).toBe(flaky.received[0].body);
      expect(
        verifyWebhook(
          SECRET,
          headers['x-escalation-timestamp'] as string,
          body,
          headers['x-escalation-signature'] as string,
        ),
      ).toBe(true);
    }
    expect((await jobOf(s, eventId, flaky))!.attemptsMade).toBe(3);

    // The healthy receiver had it on the first attempt, before the flaky one's first retry.
    expect(healthy.received).toHaveLength(1);
    expect(healthy.received[0].seq).toBeLessThan(flaky.received[1].seq);
    const healthyJob = (await jobOf(s, eventId, healthy))!;
    expect(await healthyJob.getState()).toBe('completed');
    expect(healthyJob.attemptsMade).toBe(1);
  });

  it('puts a delivery a receiver refuses with 400 in the failed set after one attempt, with the status as reason', async () => {
    const refusing = await startReceiver([], 400);
    const healthy = await startReceiver();
    const s = await setup([refusing, healthy]);
    const eventId = await reportAndEscalate(s.store);

    await waitUntil(
      async () => (await stateOf(s, eventId, refusing)) === 'failed',
      'the refused delivery to fail',
    );
    const job = (await jobOf(s, eventId, refusing))!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain('HTTP 400');
    expect(job.failedReason).toContain('refused with 400');
    // The reason names the receiver without its access token.
    expect(job.failedReason).toContain('http://127.0.0.1:');
    expect(job.failedReason).not.toContain('secret-token');
    expect(refusing.received).toHaveLength(1);

    await waitUntil(
      async () => (await stateOf(s, eventId, healthy)) === 'completed',
      'delivery to the healthy receiver',
    );
    expect(healthy.received).toHaveLength(1);
  });

  it('retries a receiver that cannot be reached and, after the last attempt, leaves it failed with the reason', async () => {
    const gone = await startReceiver();
    await gone.close(); // its port now refuses connections
    const healthy = await startReceiver();
    // Nothing here depends on the order of attempts: retry every 20, 40, 80 ms.
    const s = await setup([gone, healthy], 20);
    const eventId = await reportAndEscalate(s.store);

    await waitUntil(
      async () => (await stateOf(s, eventId, gone)) === 'failed',
      'the unreachable delivery to give up',
    );
    const job = (await jobOf(s, eventId, gone))!;
    expect(job.attemptsMade).toBe(4);
    expect(job.failedReason).toContain('could not be reached (ECONNREFUSED)');
    expect(healthy.received).toHaveLength(1);
  });

  it('with no webhooks configured has a queue for Bull Board and nothing else', async () => {
    const s = await setup([]);
    expect(s.notifications.worker).toBeNull();
    expect(s.notifications.reactor).toBeNull();
    await reportAndEscalate(s.store);
    expect(await s.notifications.queue.getJobCounts('waiting', 'completed')).toEqual({
      waiting: 0,
      completed: 0,
    });
  });
});
