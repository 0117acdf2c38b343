import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allProjections } from '../../projections';
import { queryAudit } from '../../projections/audit-index/queries';
import { groupPerformance } from '../../projections/group-performance/queries';
import { getIssueView, listIssues } from '../../projections/issue-status/queries';
import type { StoredEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { Projector } from '../../src/projections-runner/projector';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import type { Doc } from '../../src/read-store/read-store';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { EventLog } from './issue-events.fixture';

describe('Projector over a real SQLite event store and read store', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  const projectors: Projector[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projector-'));
    events = SqliteEventStore.open(path.join(dir, 'events.db'), { pollIntervalMs: 20 });
    reads = SqliteReadStore.open(path.join(dir, 'read-models.db'));
  });

  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await events.close();
    await reads.close();
    fs.rmSync(dir, { recursive: true, force: true });
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
    expect(await getIssueView(reads, 'a', now)).toMatchObject({ status: 'in-progress', overdue: true, nextDueAt: '2023-03-05T00:00:00.000Z', revision: 1 });
    expect((await listIssues(reads, {}, now)).items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect((await listIssues(reads, { overdue: true }, now)).items.map((i) => i.id)).toEqual(['a']);
    expect((await listIssues(reads, { overdue: false }, now)).items.map((i) => i.id)).toEqual(['c', 'b']);
    expect((await listIssues(reads, { district: 'siming', status: 'open' }, now)).items.map((i) => i.id)).toEqual(['c']);
    const firstPage = await listIssues(reads, { limit: 2 }, now);
    const secondPage = await listIssues(reads, { limit: 2, cursor: firstPage.nextCursor }, now);
    expect([...firstPage.items, ...secondPage.items].map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(secondPage.nextCursor).toBeNull();

    const rows = await groupPerformance(reads, '2023-03', now);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({ district: 'huli', rank: 1, reported: 1, closed: 1, closedOnTime: 1, onTimeRate: 1, medianHoursToClose: 24 });
    expect(rows.find((r) => r.district === 'siming')).toMatchObject({ reported: 2, closed: 0, onTimeRate: null, openOverdue: 1 });
    expect(rows.find((r) => r.district === 'jimei')).toMatchObject({ reported: 0, openOverdue: 0, rank: 3 });

    const audit = await queryAudit(reads, { district: 'siming' });
    expect(audit.items.map((i) => [i.position, i.type, i.issueId])).toEqual([
      [1, 'IssueReported', 'a'],
      [2, 'RemediationAssigned', 'a'],
      [6, 'IssueReported', 'c'],
    ]);
    const window = await queryAudit(reads, { from: '2023-03-02T08:00:00+08:00', to: '2023-03-03T00:00:00.000Z' });
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
    log.add('a', 'IssueEscalated', { level: 1, trigger: 'overdue', reason: 'overdue', by: 'system:escalation', remediationId: 'r1', dueAt: '2023-03-05T00:00:00.000Z', occurredAt: '2023-03-06T00:00:00.000Z' });
    log.closed('b', '2023-03-31T16:30:00.000Z');
    const head = await append(log.events);
    const p = projector();
    await p.start();
    expect(await p.waitForPosition(head, 5000)).toBe(true);
    await p.stop();
    const live = await dump();
    expect(live.group_perf.find((d) => d.id === 'huli:2023-Q2')).toMatchObject({ closed: 1 });

    // Spoil a document so the comparison can only pass if the rebuild really rewrote it.
    await reads.applyBatch('issue-status', head, (w) => w.put('issues', 'a', { id: 'a', spoiled: true }));
    expect(await rebuildProjections(events, reads, allProjections, upcastIssueEvent)).toEqual({ position: head, events: head });
    expect(await dump()).toEqual(live);
    for (const proj of allProjections) expect(await reads.checkpoint(proj.name)).toBe(head);
  });
});
