import { allProjections } from '../../projections';
import { AUDIT_COLLECTION } from '../../projections/audit-index';
import { auditId, toAuditItem } from '../../projections/audit-index/evolve-audit';
import { queryAudit } from '../../projections/audit-index/queries';
import type { StoredEvent } from '../../src/event-store/event-store';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { toHistoryItem } from '../../src/issues/history-item';
import { Projector } from '../../src/projections-runner/projector';
import type { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import type { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import { appendStored, EventLog } from './issue-events.fixture';

/**
 * GET /audit's query over real SQLite files: the index points into the log, and each page's
 * events are read from the log.
 */
describe('the audit trail, read from the log through its index', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;

  beforeEach(() => {
    stores = openTempSqliteStores('audit-query-', { pollIntervalMs: 20 });
    ({ events, reads } = stores);
  });

  afterEach(() => stores.close());

  async function project(stored: StoredEvent[]): Promise<void> {
    const head = await appendStored(events, stored);
    const projector = new Projector(events, reads, allProjections, { upcast: upcastIssueEvent });
    await projector.start();
    try {
      expect(await projector.waitForPosition(head, 5000)).toBe(true);
    } finally {
      await projector.stop();
    }
  }

  /** An automatic escalation as the first builds wrote it: schema version 1, no recipients. */
  function escalatedV1(log: EventLog, issueId: string, occurredAt: string): StoredEvent {
    const event = log.add(issueId, 'IssueEscalated', {
      level: 1,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: null,
      dueAt: '2023-03-02T00:00:00.000Z',
      occurredAt,
    } as never);
    return event;
  }

  it('answers the events of the log in today’s shapes, and keeps no copy of their data in the index', async () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z', 'siming');
    escalatedV1(log, 'a', '2023-03-02T01:00:00.000Z');
    log.reported('b', '2023-03-01T02:00:00.000Z', 'huli');
    await project(log.events);

    const page = await queryAudit(reads, events, { district: 'siming' });
    expect(page.items.map((i) => [i.position, i.type, i.district])).toEqual([
      [1, 'IssueReported', 'siming'],
      [2, 'IssueEscalated', 'siming'],
    ]);
    // Read from the log and upcast, as the issue's history shows it.
    const [stored] = (await events.readStream('issue-a')).slice(1);
    expect(page.items[1]).toEqual({
      ...toHistoryItem(upcastIssueEvent(stored)),
      issueId: 'a',
      district: 'siming',
    });
    expect(page.items[1].data).toMatchObject({ escalatedTo: null, policyVersion: null });
    expect(page.items[1].schemaVersion).toBeGreaterThan(1);

    const entries = await reads.find<Record<string, unknown>>(AUDIT_COLLECTION, { orderBy: [] });
    expect(entries.items).toHaveLength(3);
    for (const entry of entries.items) expect(entry).not.toHaveProperty('data');
  });

  it('still answers from entries an earlier build wrote (a copy of the whole item), and leaves out entries whose event is not in this log', async () => {
    const log = new EventLog();
    const report = log.reported('a', '2023-03-01T00:00:00.000Z', 'siming');
    const closed = log.closed('a', '2023-03-03T00:00:00.000Z');
    await appendStored(events, log.events);
    const stranger = { ...closed, position: 99, id: 'e99' };
    await reads.ensureCollections(allProjections.flatMap((p) => p.collections));
    await reads.applyBatch('audit-index', { from: 0, to: 99 }, async (docs) => {
      for (const event of [report, closed, stranger])
        await docs.put(AUDIT_COLLECTION, auditId(event.position), {
          id: auditId(event.position),
          ...toAuditItem(event, { issueId: 'a', district: 'siming' }),
        });
    });

    const first = await queryAudit(reads, events, { issueId: 'a', limit: 2 });
    expect(first.items.map((i) => [i.position, i.type])).toEqual([
      [1, 'IssueReported'],
      [2, 'IssueClosed'],
    ]);
    // The log's event, as the store recorded it (its own recordedAt), not the entry's copy.
    const [inLog] = await events.readStream('issue-a');
    expect(first.items[0]).toEqual(toAuditItem(inLog, { issueId: 'a', district: 'siming' }));
    const rest = await queryAudit(reads, events, { issueId: 'a', limit: 2, cursor: first.nextCursor });
    expect(rest).toEqual({ items: [], nextCursor: null });
  });
});
