import type { StoredEvent } from '../../src/event-store/event-store';
import type { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import { Reactor } from '../../src/reactors/reactor';
import type { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { CheckpointedConsumer, type DeliveredRange } from '../../src/subscriptions/checkpointed-consumer';
import { newStreamId, numbered, waitUntil } from '../event-store/fixtures/helpers';

describe('CheckpointedConsumer over a real SQLite event store and read store', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  const consumers: CheckpointedConsumer[] = [];

  beforeEach(() => {
    stores = openTempSqliteStores('consumer-', { pollIntervalMs: 20 });
    ({ events, reads } = stores);
  });
  afterEach(async () => {
    for (const c of consumers.splice(0)) await c.unsubscribe();
    await stores.close();
  });

  /** A consumer that records what it was given, upcasting `Numbered` to `Counted`. */
  function recording(names: string[], batchSize = 2) {
    const batches: Array<{ types: string[]; range: DeliveredRange }> = [];
    const consumer = new CheckpointedConsumer(
      events,
      reads,
      { names, batchSize, upcast: (e: StoredEvent) => ({ ...e, type: 'Counted' }) },
      async (batch, range) => void batches.push({ types: batch.map((e) => e.type), range }),
    );
    consumers.push(consumer);
    return { consumer, batches };
  }

  it('follows the log from the lowest stored checkpoint, upcast, in batches that say where they sit', async () => {
    await events.appendToStream(newStreamId(), numbered(5));
    await reads.applyBatch('ahead', { from: 0, to: 4 }, async () => undefined);
    await reads.applyBatch('behind', { from: 0, to: 1 }, async () => undefined);
    const { consumer, batches } = recording(['ahead', 'behind']);

    await consumer.subscribe();
    expect([consumer.checkpoint('ahead'), consumer.checkpoint('behind'), consumer.lowest()]).toEqual([
      4, 1, 1,
    ]);
    await waitUntil(() => batches.at(-1)?.range.last === 5, 'the log delivered');
    expect(batches).toEqual([
      { types: ['Counted', 'Counted'], range: { after: 1, last: 3 } },
      { types: ['Counted', 'Counted'], range: { after: 3, last: 5 } },
    ]);
  });

  it('moves a checkpoint by compare-and-set, and adopts the stored one another writer moved without writing', async () => {
    await reads.ensureCollections([{ name: 'notes' }]);
    const mine = recording(['shared']).consumer;
    const other = recording(['shared']).consumer;
    await mine.load();
    await other.load();

    expect(await other.advance('shared', 3)).toBe(true);
    let wrote = false;
    expect(await mine.advance('shared', 2, async () => void (wrote = true))).toBe(false);
    expect(wrote).toBe(false);
    expect(mine.checkpoint('shared')).toBe(3);
    expect(await reads.checkpoint('shared')).toBe(3);

    expect(await mine.advance('shared', 5, async (docs) => docs.put('notes', 'n', { at: 5 }))).toBe(true);
    expect(await reads.checkpoint('shared')).toBe(5);
    expect(await reads.get('notes', 'n')).toEqual({ at: 5 });
  });
});

describe('Reactor', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;

  beforeEach(() => {
    stores = openTempSqliteStores('reactor-', { pollIntervalMs: 20 });
    ({ events, reads } = stores);
  });
  afterEach(async () => {
    await stores.close();
  });

  it('runs the effect first, writes its checkpoint at most once an interval and on stop, and resumes from it', async () => {
    const seen: number[] = [];
    const reaction = {
      name: 'reactor:test',
      react: async (batch: StoredEvent[]) => void seen.push(...batch.map((e) => e.position)),
    };
    await events.appendToStream(newStreamId(), numbered(2));
    const reactor = new Reactor(events, reads, reaction, { checkpointEveryMs: 60_000 });
    await reactor.start();
    await waitUntil(() => reactor.position() === 2, 'the first batch');
    // The first batch writes the checkpoint at once; the next ones wait for the interval.
    await waitUntil(async () => (await reads.checkpoint('reactor:test')) === 2, 'the first checkpoint');
    await events.appendToStream(newStreamId(), numbered(2));
    await waitUntil(() => reactor.position() === 4, 'the second batch');
    expect(await reads.checkpoint('reactor:test')).toBe(2);
    await reactor.stop();
    expect(await reads.checkpoint('reactor:test')).toBe(4);

    const again = new Reactor(events, reads, reaction);
    await again.start();
    await events.appendToStream(newStreamId(), numbered(1));
    await waitUntil(() => again.position() === 5, 'the event after the restart');
    await again.stop();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
