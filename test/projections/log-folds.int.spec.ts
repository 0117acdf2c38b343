import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { foldedProjections } from '../../projections';
import { groupPerformance } from '../../src/groups/group-performance';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { LogFolds } from '../../src/projections-runner/log-folds';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { EventLog } from './issue-events.fixture';

/** The log folded in memory up to a time or a position: the read models exactly as they stood. */
describe('LogFolds over a real SQLite event store', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: number;
  /** The store, counting the events it reads: what a fold costs. */
  let counted: EventStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-folds-'));
    events = SqliteEventStore.open(path.join(dir, 'events.db'));
    reads = 0;
    counted = Object.assign(Object.create(events) as EventStore, {
      readAll: async (options: Parameters<EventStore['readAll']>[0]) => {
        const batch = await events.readAll(options);
        reads += batch.length;
        return batch;
      },
    });
  });
  afterEach(async () => {
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Forty issues reported over March, one append each, as the store numbers and times them. */
  async function appendMarch(): Promise<StoredEvent[]> {
    const log = new EventLog();
    for (let i = 0; i < 40; i++) {
      const event = log.reported(
        `i${i}`,
        `2023-03-${String(1 + (i % 28)).padStart(2, '0')}T02:00:00.000Z`,
        'huli',
      );
      await events.appendToStream(event.streamId, [event], { expectedRevision: 'no-stream' });
    }
    return events.readAll({ after: 0, maxCount: 100 });
  }

  it('folds to a position exactly as a rebuild of the live read models does', async () => {
    const stored = await appendMarch();
    const live = SqliteReadStore.open(path.join(dir, 'read.db'));
    await rebuildProjections(events, live, foldedProjections);
    const fold = await new LogFolds(counted, foldedProjections).fold({ position: stored.length });
    const at = new Date('2023-04-01T00:00:00.000Z');
    expect(await groupPerformance(fold.store, '2023-03', at)).toEqual(
      await groupPerformance(live, '2023-03', at),
    );
    expect(fold.position).toBe(40);
    await live.close();
  });

  it('stops at the last event recorded by asOf', async () => {
    const stored = await appendMarch();
    const cut = stored[24];
    const fold = await new LogFolds(counted, foldedProjections).fold({ asOf: new Date(cut.recordedAt) });
    const last = stored.filter((e) => e.recordedAt <= cut.recordedAt).pop()!;
    expect(fold.position).toBe(last.position);
    const [huli] = (await groupPerformance(fold.store, '2023-03', new Date())).filter(
      (r) => r.district === 'huli',
    );
    expect(huli.reported).toBe(last.position);
  });

  it('resumes from the furthest fold and from checkpoints instead of reading the log again', async () => {
    await appendMarch();
    const folds = new LogFolds(counted, foldedProjections, { checkpointEvery: 10, batchSize: 5 });
    await folds.fold({ position: 25 });
    expect(reads).toBeGreaterThanOrEqual(25);
    reads = 0;
    await folds.fold({ position: 40 });
    expect(reads).toBe(15); // from 25 on
    reads = 0;
    const early = await folds.fold({ position: 13 });
    expect(reads).toBe(5); // from the checkpoint at 10: one batch, cut at 13
    expect(
      (await groupPerformance(early.store, '2023-03', new Date())).find((r) => r.district === 'huli')!
        .reported,
    ).toBe(13);
    // Earlier folds handed out are not changed by later ones.
    const again = await folds.fold({ position: 13 });
    expect(await again.store.count('issues')).toBe(13);
    expect(await early.store.count('issues')).toBe(13);
  });
});
