import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allProjections } from '../../projections';
import { queryAudit } from '../../projections/audit-index/queries';
import { getIssueView, listIssues } from '../../projections/issue-status/queries';
import type { StoredEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import { groupPerformance } from '../../src/groups/group-performance';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import type { Projection } from '../../src/ports/projection';
import {
  alwaysHeldLease,
  postgresLease,
  type ProjectionLease,
} from '../../src/projections-runner/projection-lease';
import { Projector } from '../../src/projections-runner/projector';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { PostgresReadStore } from '../../src/read-store/postgres-read-store';
import type { Doc } from '../../src/ports/read-store';
import type { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { adminQuery, dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';
import { waitUntil } from '../event-store/fixtures/helpers';
import { EventLog } from './issue-events.fixture';

describe('Projector over a real SQLite event store and read store', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  const projectors: Projector[] = [];

  beforeEach(() => {
    stores = openTempSqliteStores('projector-', { pollIntervalMs: 20 });
    ({ events, reads } = stores);
  });

  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await stores.close();
  });

  const projector = () => {
    const p = new Projector(events, reads, allProjections, { upcast: upcastIssueEvent, batchSize: 3 });
    projectors.push(p);
    return p;
  };

  /** Appends hand-built events one by one, in log order, as commands would. */
  async function append(stored: StoredEvent[]): Promise<number> {
    let position = 0;
    for (const { id, type, data, metadata, streamId } of stored) {
      ({ position } = await events.appendToStream(streamId, [{ id, type, data, metadata }]));
    }
    return position;
  }

  /** Every document of every collection, for before/after comparisons. */
  async function dump(): Promise<Record<string, Doc[]>> {
    const all: Record<string, Doc[]> = {};
    for (const { name } of allProjections.flatMap((p) => p.collections)) {
      all[name] = (await reads.find(name, { orderBy: [], limit: 500 })).items;
    }
    return all;
  }

  function march(log: EventLog): void {
    log.reported('a', '2023-03-01T00:00:00.000Z', 'siming');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T02:00:00.000Z');
    log.reported('b', '2023-03-02T00:00:00.000Z', 'huli');
    log.assigned('b', 'r1', '2023-03-20T00:00:00.000Z', '2023-03-02T02:00:00.000Z');
    log.closed('b', '2023-03-03T00:00:00.000Z');
    log.reported('c', '2023-03-03T00:00:00.000Z', 'siming');
  }

  it('brings appended events into every read model and answers the queries from them', async () => {
    const log = new EventLog();
    march(log);
    const head = await append(log.events);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    expect(p.position()).toBe(head);

    const now = new Date('2023-03-10T00:00:00.000Z');
    expect(await getIssueView(reads, 'a', now)).toMatchObject({
      status: 'in-progress',
      overdue: true,
      nextDueAt: '2023-03-05T00:00:00.000Z',
      revision: 1,
    });
    expect((await listIssues(reads, {}, now)).items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect((await listIssues(reads, { overdue: true }, now)).items.map((i) => i.id)).toEqual(['a']);
    expect((await listIssues(reads, { overdue: false }, now)).items.map((i) => i.id)).toEqual(['c', 'b']);
    expect(
      (await listIssues(reads, { district: 'siming', status: 'open' }, now)).items.map((i) => i.id),
    ).toEqual(['c']);
    const firstPage = await listIssues(reads, { limit: 2 }, now);
    const secondPage = await listIssues(reads, { limit: 2, cursor: firstPage.nextCursor }, now);
    expect([...firstPage.items, ...secondPage.items].map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(secondPage.nextCursor).toBeNull();

    const rows = await groupPerformance(reads, '2023-03', now);
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.district === 'huli')).toMatchObject({
      reported: 1,
      closed: 1,
      closedOnTime: 1,
      onTimeRate: 1,
      medianHoursToClose: 24,
    });
    expect(rows.find((r) => r.district === 'siming')).toMatchObject({
      reported: 2,
      closed: 0,
      onTimeRate: null,
      openOverdue: 1,
    });
    expect(rows.find((r) => r.district === 'jimei')).toMatchObject({ reported: 0, openOverdue: 0 });

    const audit = await queryAudit(reads, events, { district: 'siming' });
    expect(audit.items.map((i) => [i.position, i.type, i.issueId])).toEqual([
      [1, 'IssueReported', 'a'],
      [2, 'RemediationAssigned', 'a'],
      [6, 'IssueReported', 'c'],
    ]);
    const window = await queryAudit(reads, events, {
      from: '2023-03-02T08:00:00+08:00',
      to: '2023-03-03T00:00:00.000Z',
    });
    expect(window.items.map((i) => i.position)).toEqual([3, 4]);
  });

  it('follows new events live, and resumes after a restart without counting anything twice', async () => {
    const log = new EventLog();
    march(log);
    const first = projector();
    await first.start();
    const head = await append(log.events);
    expect(await first.waitForPosition(head, 5000)).toBe(true);
    await first.stop();

    log.reported('d', '2023-03-04T00:00:00.000Z', 'siming');
    log.reopened('b', '2023-03-05T00:00:00.000Z');
    const later = await append(log.events.slice(-2));
    const second = projector();
    await second.start();
    expect(await second.waitForPosition(later, 5000)).toBe(true);

    const rows = await groupPerformance(reads, '2023-Q1', new Date('2023-03-04T00:00:00.000Z'));
    expect(rows.find((r) => r.district === 'siming')!.reported).toBe(3);
    expect(rows.find((r) => r.district === 'huli')).toMatchObject({ reported: 1, closed: 0 });
    expect(await reads.count('audit')).toBe(later);
    for (const p of allProjections) expect(await reads.checkpoint(p.name)).toBe(later);
  });

  it('waitForPosition answers false when the projections do not get there in time', async () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z');
    const head = await append(log.events);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    const started = Date.now();
    expect(await p.waitForPosition(head + 1, 150)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a rebuild from zero yields exactly the documents the live projector built', async () => {
    const log = new EventLog();
    march(log);
    log.reopened('b', '2023-03-06T00:00:00.000Z');
    log.add('a', 'IssueEscalated', {
      level: 1,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: 'r1',
      dueAt: '2023-03-05T00:00:00.000Z',
      escalatedTo: null,
      occurredAt: '2023-03-06T00:00:00.000Z',
    });
    log.closed('b', '2023-03-31T16:30:00.000Z');
    const head = await append(log.events);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    await p.stop();
    const live = await dump();
    expect(live.group_perf.find((d) => d.id === 'huli:2023-Q2')).toMatchObject({ closed: 1 });

    // Spoil a document so the comparison can only pass if the rebuild really rewrote it.
    await reads.applyBatch('issue-status', { from: head, to: head }, (w) =>
      w.put('issues', 'a', { id: 'a', spoiled: true }),
    );
    expect(await rebuildProjections(events, reads, allProjections, upcastIssueEvent)).toEqual({
      position: head,
      events: head,
    });
    expect(await dump()).toEqual(live);
    for (const proj of allProjections) expect(await reads.checkpoint(proj.name)).toBe(head);
  });
});

/**
 * Two engine processes' worth of projectors on one PostgreSQL read store (two read-store
 * instances, two leases with one key), fed by one SQLite event log.
 */
describe('Projectors of two processes sharing a PostgreSQL read store', () => {
  const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const;
  let dir: string;
  let events: SqliteEventStore;
  let schema: string;
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projector-pg-'));
    events = SqliteEventStore.open(path.join(dir, 'events.db'), { pollIntervalMs: 20 });
    schema = freshSchemaName('proj_test');
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await events.close();
    await dropSchema(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One process: its own read-store connection pool, lease and projector, counting what it applies. */
  async function engineProcess(lease: ProjectionLease) {
    const reads = await PostgresReadStore.connect({ connectionString: TEST_PG_URL, schema, poolSize: 3 });
    const handled = { count: 0 };
    const counted: Projection[] = allProjections.map((p) => ({
      name: p.name,
      collections: p.collections,
      handle: async (event, docs) => {
        handled.count += 1;
        await p.handle(event, docs);
      },
    }));
    counted.push(tallyProjection);
    const projector = new Projector(events, reads, counted, {
      upcast: upcastIssueEvent,
      batchSize: 3,
      lease,
      leaseIntervalMs: 50,
    });
    cleanups.push(async () => {
      await projector.stop();
      await lease.release();
      await reads.close();
    });
    await projector.start();
    return { reads, projector, handled, lease };
  }

  async function append(stored: StoredEvent[]): Promise<number> {
    let position = 0;
    for (const { id, type, data, metadata, streamId } of stored) {
      ({ position } = await events.appendToStream(streamId, [{ id, type, data, metadata }]));
    }
    return position;
  }

  /**
   * Counts events in the read model itself, and is not idempotent (unlike the real
   * projections, which may shrug off a repeated event): a batch applied twice shows here.
   */
  const tallyProjection: Projection = {
    name: 'tally',
    collections: [{ name: 'tally' }],
    handle: async (_event, docs) => {
      const doc = await docs.get<{ id: string; n: number }>('tally', 'events');
      await docs.put('tally', 'events', { id: 'events', n: (doc?.n ?? 0) + 1 });
    },
  };
  const tally = async (reads: PostgresReadStore) =>
    (await reads.get<{ n: number }>('tally', 'events'))?.n ?? 0;
  const allAt = (position: number) =>
    Object.fromEntries([...allProjections, tallyProjection].map((p) => [p.name, position]));

  /** `n` issues reported in March, spread over the six districts in turn. */
  function reportIssues(log: EventLog, from: number, n: number): void {
    for (let i = from; i < from + n; i++) {
      log.reported(
        `i${i}`,
        `2023-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
        DISTRICTS[i % 6],
      );
    }
  }

  const reportedByDistrict = async (reads: PostgresReadStore) =>
    Object.fromEntries(
      (await groupPerformance(reads, '2023-03', new Date('2023-04-01T00:00:00.000Z'))).map((r) => [
        r.district,
        [r.reported, r.closed],
      ]),
    );

  /** Ends the leader's lease session from the server side, as a crash or network cut would. */
  async function killLeaseConnection(key: string): Promise<void> {
    const killed = await adminQuery<{ ok: boolean }>(
      `SELECT pg_terminate_backend(a.pid) AS ok FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1`,
      [`projection-lease ${key}`],
    );
    expect(killed).toEqual([{ ok: true }]);
  }

  it('one applies, the other follows with read-your-writes, and takes over when the leader dies', async () => {
    const key = `test:${schema}`;
    const a = await engineProcess(postgresLease(TEST_PG_URL, key));
    const b = await engineProcess(postgresLease(TEST_PG_URL, key));
    expect([a.projector.leading(), b.projector.leading()]).toEqual([true, false]);
    expect([a.lease.isHeld(), b.lease.isHeld()]).toEqual([true, false]);

    const log = new EventLog();
    reportIssues(log, 0, 12);
    const head = await append(log.events);
    // The follower's waitForPosition resolves from the checkpoints the leader stores.
    expect(await b.projector.waitForPosition(head, 10_000)).toBe(true);
    expect(await a.projector.waitForPosition(head, 10_000)).toBe(true);
    expect(b.handled.count).toBe(0);
    expect(a.handled.count).toBe(head * allProjections.length);
    expect(await b.reads.count('audit')).toBe(head);
    expect(await tally(b.reads)).toBe(head);
    expect(await reportedByDistrict(b.reads)).toEqual(Object.fromEntries(DISTRICTS.map((d) => [d, [2, 0]])));

    // A cut connection: the server drops the lock, the old leader stops applying, and
    // whichever process asks first leads next (the old one may win it back; only one holds it).
    await killLeaseConnection(key);
    await waitUntil(() => !a.lease.isHeld(), 'the old leader to notice its lease is gone');
    await waitUntil(
      () => a.projector.leading() !== b.projector.leading(),
      'exactly one process to lead again',
    );
    let before = log.events.length;
    reportIssues(log, 12, 6);
    const middle = await append(log.events.slice(before));
    for (const p of [a, b]) expect(await p.projector.waitForPosition(middle, 10_000)).toBe(true);
    expect(a.handled.count + b.handled.count).toBe(middle * allProjections.length);

    // The leading process dies: its projector stops and its session ends; the other takes over.
    const [dead, survivor] = a.projector.leading() ? [a, b] : [b, a];
    await dead.projector.stop();
    await dead.lease.release();
    await waitUntil(() => survivor.projector.leading(), 'the follower to take over');
    const survivorBefore = survivor.handled.count;
    before = log.events.length;
    log.closed('i0', '2023-03-20T00:00:00.000Z');
    log.closed('i1', '2023-03-21T00:00:00.000Z');
    const later = await append(log.events.slice(before));
    expect(await survivor.projector.waitForPosition(later, 10_000)).toBe(true);

    // Every event reached every read model exactly once across the two processes.
    expect(a.handled.count + b.handled.count).toBe(later * allProjections.length);
    expect(survivor.handled.count - survivorBefore).toBe((later - middle) * allProjections.length);
    expect(await dead.reads.count('audit')).toBe(later);
    const expected = Object.fromEntries(
      DISTRICTS.map((d) => [d, [3, d === 'siming' || d === 'huli' ? 1 : 0]]),
    );
    expect(await reportedByDistrict(dead.reads)).toEqual(expected);
    expect(await tally(a.reads)).toBe(later);
    expect(await a.reads.checkpoints()).toEqual(allAt(later));
  });

  it('without a lease, the checkpoint compare-and-set alone keeps two racing projectors exactly-once', async () => {
    const a = await engineProcess(alwaysHeldLease());
    const b = await engineProcess(alwaysHeldLease());
    expect([a.projector.leading(), b.projector.leading()]).toEqual([true, true]);
    const log = new EventLog();
    reportIssues(log, 0, 30);
    for (let i = 0; i < 30; i += 5) log.closed(`i${i}`, '2023-03-29T00:00:00.000Z');
    const head = await append(log.events);
    expect(await a.projector.waitForPosition(head, 10_000)).toBe(true);
    expect(await b.projector.waitForPosition(head, 10_000)).toBe(true);

    expect(a.handled.count + b.handled.count).toBe(head * allProjections.length);
    expect(await tally(a.reads)).toBe(head);
    expect(await a.reads.count('audit')).toBe(head);
    const closed = (d: string) => [0, 5, 10, 15, 20, 25].filter((i) => DISTRICTS[i % 6] === d).length;
    expect(await reportedByDistrict(b.reads)).toEqual(
      Object.fromEntries(DISTRICTS.map((d) => [d, [5, closed(d)]])),
    );
    expect(await a.reads.checkpoints()).toEqual(allAt(head));
  });
});
