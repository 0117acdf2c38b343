import { getIssueView } from '../../projections/issue-status/queries';
import { loadConfig } from '../../src/config/app-config';
import type { StoredEvent } from '../../src/event-store/event-store';
import type { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import type { AppliedBatch } from '../../src/ports/applied-batches';
import { ProjectorThread } from '../../src/projections-runner/thread/projector-thread';
import type { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { appendStored, EventLog } from './issue-events.fixture';

/**
 * The projector in its worker thread, seen from the main thread: appends here wake it,
 * read-your-writes waits for the position it reports, and each committed batch comes back
 * as an applied-batch notice. The worker loads these very sources (through its transpiling
 * hook), opening its own connections to the same files.
 */
describe('ProjectorThread (the projector in a worker thread)', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let thread: ProjectorThread | null = null;

  beforeEach(() => {
    stores = openTempSqliteStores('projector-thread-');
    ({ events, reads } = stores);
  });

  afterEach(async () => {
    await thread?.stop();
    thread = null;
    await stores.close();
  });

  const append = (stored: StoredEvent[]): Promise<number> => appendStored(events, stored);

  it('applies what this thread appends, answers read-your-writes and tells each batch', async () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z', 'huli');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T01:00:00.000Z');
    // Two events before the worker starts: it catches up on them.
    await append(log.events.slice(0, 2));
    const batches: AppliedBatch[] = [];
    const errors: string[] = [];
    thread = new ProjectorThread({ ...loadConfig({ DATA_DIR: stores.dir }), dataDir: stores.dir }, events, {
      appliedBatches: { applied: (batch) => batches.push(batch) },
      onError: (error) => errors.push(error),
    });
    await thread.start();
    expect(await thread.waitForPosition(2, 20_000)).toBe(true);

    log.reported('b', '2023-03-02T00:00:00.000Z', 'siming');
    const position = await append(log.events.slice(2));
    expect(await thread.waitForPosition(position, 20_000)).toBe(true);
    expect(thread.position()).toBe(position);
    expect(thread.leading()).toBe(true);
    // Once the position is reported, the main thread's own connection reads the batch.
    expect(await getIssueView(reads, 'b', new Date('2023-03-03T00:00:00Z'))).toMatchObject({
      id: 'b',
      district: 'siming',
    });

    const told = batches.flatMap((b) => b.events);
    expect(told.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(told[2]).toEqual({
      position: 3,
      streamId: 'issue-b',
      type: 'IssueReported',
      recordedAt: expect.any(String),
      issueId: 'b',
      district: 'siming',
    });
    expect(told[1]).toMatchObject({ issueId: 'a', district: null, type: 'RemediationAssigned' });
    expect(batches[batches.length - 1].position).toBe(3);
    expect(batches[batches.length - 1].readModels).toMatchObject({ 'issue-status': 3, 'audit-index': 3 });
    expect(errors).toEqual([]);
  });

  it('resumes from the stored checkpoints after a stop, without applying anything twice', async () => {
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z');
    const config = { ...loadConfig({ DATA_DIR: stores.dir }), dataDir: stores.dir };
    thread = new ProjectorThread(config, events);
    await thread.start();
    const first = await append(log.events);
    expect(await thread.waitForPosition(first, 20_000)).toBe(true);
    await thread.stop();

    log.closed('a', '2023-03-04T00:00:00.000Z');
    const batches: AppliedBatch[] = [];
    thread = new ProjectorThread(config, events, { appliedBatches: { applied: (b) => batches.push(b) } });
    await append(log.events.slice(1));
    await thread.start();
    expect(await thread.waitForPosition(2, 20_000)).toBe(true);
    expect(batches.flatMap((b) => b.events.map((e) => e.position))).toEqual([2]);
    expect(await reads.checkpoints()).toMatchObject({ 'issue-status': 2, 'audit-index': 2 });
  });
});
