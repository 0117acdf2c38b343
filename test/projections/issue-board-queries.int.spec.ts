import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countIssues, issueStatusProjection, listIssues } from '../../projections/issue-status';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { EventLog } from './issue-events.fixture';

/**
 * The board's lights, counters and due-time order, read from a real SQLite read store fed by
 * the issue-status projection, at a fixed "now".
 */
describe('the board: lights, counters and due order', () => {
  const now = new Date('2023-03-10T00:00:00.000Z');
  let dir: string;
  let store: SqliteReadStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-'));
    store = SqliteReadStore.open(path.join(dir, 'read.db'));
    await store.ensureCollections(issueStatusProjection.collections);
    const log = new EventLog();
    // red: an item due two days ago, escalated to level 1
    log.reported('red', '2023-03-01T00:00:00.000Z');
    log.assigned('red', 'r1', '2023-03-08T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    log.add('red', 'IssueEscalated', {
      level: 1,
      trigger: 'overdue',
      reason: 'overdue',
      by: 'system:escalation',
      remediationId: 'r1',
      dueAt: '2023-03-08T00:00:00.000Z',
      escalatedTo: null,
      occurredAt: '2023-03-08T00:00:00.000Z',
    });
    // yellow: due tomorrow, warned
    log.reported('yellow', '2023-03-02T00:00:00.000Z', 'huli');
    log.assigned('yellow', 'y1', '2023-03-11T00:00:00.000Z', '2023-03-02T01:00:00.000Z');
    log.add('yellow', 'EscalationWarningIssued', {
      remediationId: 'y1',
      trigger: 'overdue',
      dueAt: '2023-03-11T00:00:00.000Z',
      nextLevel: 1,
      escalatesAt: '2023-03-11T00:00:00.000Z',
      share: 0.75,
      occurredAt: '2023-03-09T06:00:00.000Z',
    });
    // green: a warning that no longer stands (the deadline was extended after it)
    log.reported('green', '2023-03-03T00:00:00.000Z');
    log.assigned('green', 'g1', '2023-03-10T12:00:00.000Z', '2023-03-03T01:00:00.000Z');
    log.add('green', 'EscalationWarningIssued', {
      remediationId: 'g1',
      trigger: 'overdue',
      dueAt: '2023-03-10T12:00:00.000Z',
      nextLevel: 1,
      escalatesAt: '2023-03-10T12:00:00.000Z',
      share: 0.75,
      occurredAt: '2023-03-09T00:00:00.000Z',
    });
    log.add('green', 'DeadlineExtended', {
      remediationId: 'g1',
      previousDueAt: '2023-03-10T12:00:00.000Z',
      newDueAt: '2023-03-20T00:00:00.000Z',
      reason: 'rain',
      approvedBy: 'division',
      occurredAt: '2023-03-09T12:00:00.000Z',
    });
    // closed: overdue once, then closed; counted nowhere but in the closed list
    log.reported('closed', '2023-03-04T00:00:00.000Z');
    log.assigned('closed', 'c1', '2023-03-05T00:00:00.000Z', '2023-03-04T01:00:00.000Z');
    log.closed('closed', '2023-03-06T00:00:00.000Z');
    await store.applyBatch('issue-status', { from: 0, to: log.events.length }, async (docs) => {
      for (const event of log.events) await issueStatusProjection.handle(event, docs);
    });
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (query: Parameters<typeof listIssues>[1]) =>
    (await listIssues(store, query, now)).items.map((i) => i.id);

  it('filters by light the way each issue shows it', async () => {
    expect(await ids({ light: 'red' })).toEqual(['red']);
    expect(await ids({ light: 'yellow' })).toEqual(['yellow']);
    expect((await ids({ light: 'green' })).sort()).toEqual(['closed', 'green']);
    const shown = (await listIssues(store, {}, now)).items.map((i) => [i.id, i.light]);
    expect(Object.fromEntries(shown)).toEqual({
      red: 'red',
      yellow: 'yellow',
      green: 'green',
      closed: 'green',
    });
  });

  it('lists open or closed issues whatever their status, and sorts by the nearest due time', async () => {
    expect(await ids({ closed: true })).toEqual(['closed']);
    expect(await ids({ closed: false })).toEqual(['green', 'yellow', 'red']);
    expect(await ids({ closed: false, sort: 'due' })).toEqual(['red', 'yellow', 'green']);
    const first = await listIssues(store, { closed: false, sort: 'due', limit: 2 }, now);
    expect(first.items.map((i) => i.id)).toEqual(['red', 'yellow']);
    const second = await listIssues(store, { closed: false, sort: 'due', cursor: first.nextCursor }, now);
    expect(second.items.map((i) => i.id)).toEqual(['green']);
  });

  it('counts open, due soon, overdue and escalated issues, within the same filters', async () => {
    expect(await countIssues(store, {}, now)).toEqual({
      open: 3,
      dueSoon: 1,
      overdue: 1,
      escalated: { level1: 1, level2: 0, level3: 0 },
    });
    expect(await countIssues(store, { district: 'huli' }, now)).toEqual({
      open: 1,
      dueSoon: 1,
      overdue: 0,
      escalated: { level1: 0, level2: 0, level3: 0 },
    });
    // A day later the yellow one is overdue too.
    expect(await countIssues(store, {}, new Date('2023-03-11T00:00:01.000Z'))).toMatchObject({
      dueSoon: 0,
      overdue: 2,
    });
  });
});
