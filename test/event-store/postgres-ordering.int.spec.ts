import type { StoredEvent } from '../../src/event-store/event-store';
import {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from '../../src/event-store/postgres-event-store';
import type { PositionOrdering } from '../../src/event-store/postgres-schema';
import { newEvent, newStreamId, waitUntil } from './fixtures/helpers';
import { adminQuery, dropSchema, freshSchemaName, TEST_PG_URL } from './postgres-test-schema';

/**
 * The known PostgreSQL sequence-gap problem: a subscriber must never skip an event whose
 * transaction committed after a later position was already visible. First a deterministic
 * replay of the interleaving that breaks the naive design, then a stress run of the real one.
 */
const opened: PostgresEventStore[] = [];
const schemas = new Set<string>();
async function open(
  schema: string,
  options: Partial<PostgresEventStoreOptions> = {},
): Promise<PostgresEventStore> {
  schemas.add(schema);
  const store = await PostgresEventStore.connect({
    connectionString: TEST_PG_URL,
    schema,
    pollIntervalMs: 5,
    ...options,
  });
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const schema of schemas) await dropSchema(schema);
  schemas.clear();
});

/** Is one of this schema's pool connections waiting for an advisory lock? */
async function aWriterWaitsForTheLock(schema: string): Promise<boolean> {
  const rows = await adminQuery(
    `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    [`event-store:${schema}`],
  );
  return rows.length > 0;
}

/**
 * Writer A inserts and is held before COMMIT; writer B appends meanwhile; a reader that keeps
 * a checkpoint reads; then A commits and the reader reads on from its checkpoint.
 */
async function interleave(ordering: PositionOrdering) {
  const schema = freshSchemaName('es_order');
  const slow = newStreamId('slow');
  let held!: () => void;
  const heldBeforeCommit = new Promise<void>((resolve) => (held = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = await open(schema, {
    ordering,
    beforeCommit: async (streamId) => {
      if (streamId !== slow) return;
      held();
      await gate;
    },
  });
  const a = newEvent('A');
  const b = newEvent('B');
  const appendA = store.appendToStream(slow, [a]);
  await heldBeforeCommit;

  let bDone = false;
  const appendB = store.appendToStream(newStreamId('fast'), [b]).then((r) => ((bDone = true), r));
  // B either commits (naive) or queues behind A's lock (commit order); wait for whichever.
  await waitUntil(async () => bDone || (await aWriterWaitsForTheLock(schema)), 'B committed or waiting');
  const bWaitedForA = !bDone;

  const readerSaw: StoredEvent[] = [];
  let checkpoint = 0;
  const readOn = async (): Promise<void> => {
    const batch = await store.readAll({ after: checkpoint });
    readerSaw.push(...batch);
    if (batch.length > 0) checkpoint = batch[batch.length - 1].position;
  };
  await readOn();
  release();
  await Promise.all([appendA, appendB]);
  await readOn();
  return { a, b, bWaitedForA, readerSaw, log: await store.readAll() };
}

describe('PostgreSQL event store: positions visible in commit order', () => {
  it('the naive design (a sequence) lets a reader skip an event that commits after a later one', async () => {
    const { a, b, bWaitedForA, readerSaw, log } = await interleave('naive');
    expect(bWaitedForA).toBe(false);
    // A holds the lower position but committed last; the reader had already moved past it.
    expect(log.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(readerSaw.map((e) => e.id)).toEqual([b.id]);
  });

  it('commit-order allocation makes B wait for A, and the reader sees both, in order', async () => {
    const { a, b, bWaitedForA, readerSaw, log } = await interleave('commit-order');
    expect(bWaitedForA).toBe(true);
    expect(log.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(readerSaw).toEqual(log);
    expect(readerSaw.map((e) => e.position)).toEqual([1, 2]);
  });

  it('16 concurrent writers x 50 appends: a live subscriber gets every event exactly once, in order', async () => {
    const schema = freshSchemaName('es_stress');
    // Two writer "processes" (pools) of 8 connections each, and a reader with its own pool.
    const writers = [await open(schema, { poolSize: 8 }), await open(schema, { poolSize: 8 })];
    const reader = await open(schema, { poolSize: 2 });
    const seen: StoredEvent[] = [];
    const sub = reader.subscribe({
      after: 0,
      batchSize: 7,
      onBatch: async (batch) => void seen.push(...batch),
    });

    const appendsPerWriter = 50;
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        const store = writers[w % 2];
        for (let i = 0; i < appendsPerWriter; i++) {
          // A few streams per writer; every fifth append carries two events.
          const streamId = `w${w}-s${i % 3}`;
          const events =
            i % 5 === 4
              ? [newEvent('E', { w, i }), newEvent('E', { w, i, second: true })]
              : [newEvent('E', { w, i })];
          await store.appendToStream(streamId, events);
        }
      }),
    );
    const sentinel = newStreamId('sentinel');
    await writers[0].appendToStream(sentinel, [newEvent('Sentinel')]);
    await waitUntil(() => seen.some((e) => e.streamId === sentinel), 'sentinel delivered', 30_000);
    await sub.stop();

    const log = await reader.readAll({ maxCount: 100_000 });
    expect(log).toHaveLength(16 * (appendsPerWriter + appendsPerWriter / 5) + 1);
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
    // Exactly once, in strictly increasing position order: the delivered list is the log.
    expect(seen.map((e) => e.position)).toEqual(log.map((e) => e.position));
    expect(seen.map((e) => e.id)).toEqual(log.map((e) => e.id));
  });
});
