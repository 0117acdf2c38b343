import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AggregateCache } from '../../src/command-handling/aggregate-cache';
import { IdempotencyKeyReusedError } from '../../src/command-handling/command-errors';
import type { CommandContext } from '../../src/command-handling/command-context';
import type { StreamType } from '../../src/command-handling/decider';
import { handleCommand, type HandleCommandOptions } from '../../src/command-handling/handle-command';
import type { EventStore, ReadStreamOptions } from '../../src/event-store/event-store';
import { PostgresEventStore } from '../../src/event-store/postgres-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { dropSchema, freshSchemaName, TEST_PG_URL } from '../event-store/postgres-test-schema';

/**
 * The aggregate cache on the one command path, on real SQLite and PostgreSQL stores. A tiny
 * aggregate of its own: a tally whose events record each amount and the total it was added to
 * (`before`), so the log itself shows which state every decision was made on. Its v1 events
 * called the amount `value`; the upcaster renames it.
 */
type Added = { type: 'Added'; data: { amount: number; before: number; occurredAt: string } };
type Tally = { total: number; amounts: number[] };

const AT = '2023-03-09T01:00:00.000Z';
const tally: StreamType<Added, Tally> = {
  initialState: () => ({ total: 0, amounts: [] }),
  evolve: (state, event) => ({
    total: state.total + event.data.amount,
    amounts: [...state.amounts, event.data.amount],
  }),
  schemaVersionOf: () => 2,
  upcast: (event) => {
    if (event.metadata.schemaVersion !== 1) return event;
    const { value, ...rest } = event.data as { value: number; before: number; occurredAt: string };
    return { ...event, data: { ...rest, amount: value }, metadata: { ...event.metadata, schemaVersion: 2 } };
  },
};
const add =
  (amount: number) =>
  (state: Tally): Added[] => [{ type: 'Added', data: { amount, before: state.total, occurredAt: AT } }];

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'tester',
  correlationId: 'corr-1',
  causationId: null,
  ...over,
});
const noBackoff = async () => undefined;

/** One real store per setup, and a way to open a second connection to it (another engine). */
interface Setup {
  open(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

const sqlite = (): Setup => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregate-cache-'));
  const opened: EventStore[] = [];
  return {
    open: async () => {
      const store = SqliteEventStore.open(path.join(dir, 'events.db'));
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

const postgres = (): Setup => {
  const schema = freshSchemaName('cache');
  const opened: EventStore[] = [];
  return {
    open: async () => {
      const store = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema });
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await dropSchema(schema);
    },
  };
};

/**
 * The store as one engine sees it, recording each stream read's options, with `intrude` run
 * after the next `times` reads (another engine appends between this one's read and its append).
 */
const watched = (store: EventStore) => {
  const seen = Object.create(store) as EventStore & {
    reads: Array<ReadStreamOptions | undefined>;
    intrude(times: number, what: () => Promise<unknown>): void;
  };
  let pending = 0;
  let intrusion: () => Promise<unknown> = async () => undefined;
  seen.reads = [];
  seen.intrude = (times, what) => {
    pending = times;
    intrusion = what;
  };
  seen.readStream = async (streamId, options) => {
    const events = await store.readStream(streamId, options);
    seen.reads.push(options);
    if (pending > 0) {
      pending--;
      await intrusion();
    }
    return events;
  };
  return seen;
};

describe.each([
  ['SQLite', sqlite],
  ['PostgreSQL', postgres],
])('the aggregate cache on a %s event store', (_name, makeSetup) => {
  let setup: Setup;
  const STREAM = 'tally-t-1';

  beforeEach(() => {
    setup = makeSetup();
  });
  afterEach(() => setup.cleanup());

  /** An engine: its own connection to the shared store, its own cache, the one command path. */
  const engine = async (capacity = 100) => {
    const store = watched(await setup.open());
    const cache = new AggregateCache(capacity);
    const options: HandleCommandOptions = { subject: 'tally t-1', cache, backoff: noBackoff };
    return {
      store,
      cache,
      send: (decide: (state: Tally) => Added[], over: Partial<CommandContext> = {}, streamId = STREAM) =>
        handleCommand(store, streamId, tally, decide, context(over), options),
    };
  };
  const logged = async (store: EventStore, streamId = STREAM) =>
    (await store.readStream(streamId)).map((e) => e.data as Added['data']);

  it('on a warm cache reads only the events after the cached revision, and decides on the same state', async () => {
    const a = await engine();
    for (const amount of [1, 2, 3]) await a.send(add(amount));
    a.store.reads.length = 0;

    const outcome = await a.send(add(4));
    // The cache holds only what the log said: the state before the last command, whose own
    // event is read with the tail (from the log, never from the decision).
    expect(a.store.reads).toEqual([{ fromRevision: 2 }]);
    expect(outcome).toMatchObject({ revision: 3, position: 4, state: { total: 10, amounts: [1, 2, 3, 4] } });
    expect(await logged(a.store)).toEqual([
      { amount: 1, before: 0, occurredAt: AT },
      { amount: 2, before: 1, occurredAt: AT },
      { amount: 3, before: 3, occurredAt: AT },
      { amount: 4, before: 6, occurredAt: AT },
    ]);
  });

  it('keeps two engines on one store correct with warm caches: each picks up what the other appended', async () => {
    const a = await engine();
    const b = await engine();
    for (let i = 1; i <= 6; i++) await (i % 2 === 1 ? a : b).send(add(i));
    // Both caches are warm now; every further command reads only the other's new events.
    a.store.reads.length = 0;
    b.store.reads.length = 0;
    await a.send(add(7));
    await b.send(add(8));
    expect(a.store.reads).toEqual([{ fromRevision: 4 }]);
    expect(b.store.reads).toEqual([{ fromRevision: 5 }]);

    const events = await logged(a.store);
    // No decision was made on a stale total: each `before` is the sum of everything before it.
    expect(events.map((e) => e.before)).toEqual([0, 1, 3, 6, 10, 15, 21, 28]);
    expect((await a.send(() => [])).state.total).toBe(36);
    expect((await b.send(() => [])).state.total).toBe(36);
  });

  it('forgets the cached state on a conflict and reads the stream whole before deciding again', async () => {
    const a = await engine();
    const b = await engine();
    await a.send(add(1));
    await a.send(add(2));
    a.store.reads.length = 0;
    // B appends between A's read of the tail and A's append: A's append meets a conflict.
    a.store.intrude(1, () => b.send(add(10)));

    const outcome = await a.send(add(5));
    expect(a.store.reads).toEqual([{ fromRevision: 1 }, undefined]);
    expect(outcome).toMatchObject({ revision: 3, state: { total: 18 } });
    expect((await logged(a.store)).map((e) => [e.amount, e.before])).toEqual([
      [1, 0],
      [2, 1],
      [10, 3],
      [5, 13],
    ]);
    // The reloaded state is cached again.
    a.store.reads.length = 0;
    await a.send(add(1));
    expect(a.store.reads).toEqual([{ fromRevision: 3 }]);
  });

  it('answers a replayed Idempotency-Key the same with a warm cache, after eviction, and from another engine', async () => {
    const a = await engine(1);
    const b = await engine(1);
    const keyed = { idempotencyKey: 'key-1', requestHash: 'hash-a' };
    await a.send(add(1));
    const first = await a.send(add(5), keyed);
    await a.send(add(2));
    const answer = {
      revision: first.revision,
      position: first.position,
      events: first.events,
      replayed: true,
    };

    a.store.reads.length = 0;
    const warm = await a.send(add(5), keyed);
    expect(warm).toMatchObject({ ...answer, state: { total: 8 } });
    // The warm replay read the tail and the key's own event, not the whole stream.
    expect(a.store.reads).toEqual([{ fromRevision: 2 }, { fromRevision: 1, maxCount: 1 }]);

    await a.send(add(1), {}, 'tally-other'); // capacity 1: the tally's state is evicted
    expect(a.cache.size).toBe(1);
    a.store.reads.length = 0;
    expect(await a.send(add(5), keyed)).toMatchObject(answer);
    expect(a.store.reads[0]).toBeUndefined(); // a miss: the whole stream

    // A learns a key B used from the tail it reads; B, warm too, answers A's key.
    await b.send(add(3), { idempotencyKey: 'key-2', requestHash: 'hash-b' });
    const fromB = await a.send(add(3), { idempotencyKey: 'key-2', requestHash: 'hash-b' });
    expect(fromB).toMatchObject({ revision: 3, replayed: true });
    expect(await b.send(add(5), keyed)).toMatchObject(answer);

    await expect(a.send(add(7), { idempotencyKey: 'key-1', requestHash: 'hash-z' })).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect((await logged(a.store)).map((e) => e.amount)).toEqual([1, 5, 2, 3]);
  });

  it('upcasts the events read after the cached revision', async () => {
    const a = await engine();
    await a.send(add(1));
    await a.send(add(2));
    // An older engine, still writing v1 events, appends to the same stream.
    const old = await setup.open();
    await old.appendToStream(
      STREAM,
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'Added',
          data: { value: 40, before: 3, occurredAt: AT },
          metadata: { correlationId: 'c', causationId: null, actor: 'old', occurredAt: AT, schemaVersion: 1 },
        },
      ],
      { expectedRevision: 1 },
    );
    a.store.reads.length = 0;

    const outcome = await a.send(add(3));
    expect(a.store.reads).toEqual([{ fromRevision: 1 }]);
    expect(outcome.state).toEqual({ total: 46, amounts: [1, 2, 40, 3] });
    expect((await logged(a.store))[3]).toEqual({ amount: 3, before: 43, occurredAt: AT });
  });

  it('refuses a decider that changes the cached state, and the next command decides on the state the log says', async () => {
    const a = await engine();
    await a.send(add(1));
    await a.send(add(2));
    const sneaky = (state: Tally): Added[] => {
      state.amounts.push(100);
      (state as { total: number }).total = 100;
      return add(1)(state);
    };

    await expect(a.send(sneaky)).rejects.toThrow(TypeError);
    const outcome = await a.send(add(4));
    expect(outcome.state).toEqual({ total: 7, amounts: [1, 2, 4] });
    expect((await logged(a.store)).map((e) => e.before)).toEqual([0, 1, 3]);
  });
});
