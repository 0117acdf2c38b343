import { type StoredEvent, WrongExpectedRevisionError } from '../../src/event-store/event-store';
import {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from '../../src/event-store/postgres-event-store';
import { runEventStoreContract } from './event-store.contract';
import { newEvent, newStreamId, numbered, waitUntil } from './fixtures/helpers';
import { adminQuery, dropSchema, freshSchemaName, TEST_PG_URL } from './postgres-test-schema';

/** Stores opened on fresh schemas, closed and dropped after each test. */
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
    pollIntervalMs: 20,
    ...options,
  });
  opened.push(store);
  return store;
}
async function closeAll(): Promise<void> {
  for (const store of opened.splice(0)) await store.close();
  for (const schema of schemas) await dropSchema(schema);
  schemas.clear();
}

runEventStoreContract('PostgreSQL', async () => {
  const schema = freshSchemaName();
  const store = await open(schema);
  return { store, reopen: () => open(schema), cleanup: closeAll };
});

describe('PostgresEventStore specifics', () => {
  afterEach(closeAll);
  const ns = (events: StoredEvent[]): unknown[] => events.map((e) => (e.data as { n: number }).n);

  it('numbers positions 1..N without gaps, even after refused appends; empty store is at 0', async () => {
    const store = await open(freshSchemaName());
    expect(await store.headPosition()).toBe(0);
    expect(await store.readAll()).toEqual([]);
    const streamId = newStreamId();
    await store.appendToStream(streamId, numbered(2));
    await expect(
      store.appendToStream(streamId, numbered(2), { expectedRevision: 'no-stream' }),
    ).rejects.toThrow();
    await store.appendToStream(newStreamId(), numbered(3));
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('concurrent appends share one transaction, and none resolves before that commit', async () => {
    const schema = freshSchemaName();
    const slow = newStreamId('slow');
    let held!: () => void;
    const heldBeforeCommit = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = await open(schema, {
      beforeCommit: async (streamId) => {
        if (streamId !== slow) return;
        held();
        await gate;
      },
    });
    const first = store.appendToStream(slow, numbered(1));
    await heldBeforeCommit;
    // Queued behind the held commit: they go in the next one, together.
    const streams = Array.from({ length: 10 }, () => newStreamId());
    let resolved = 0;
    const rest = streams.map((streamId) =>
      store.appendToStream(streamId, numbered(1)).then(() => resolved++),
    );
    await waitUntil(async () => (await aWriterWaitsForTheLock(schema)) || resolved > 0, 'next flush waiting');
    expect(resolved).toBe(0);
    // Not committed, so no other session sees it, and its append has not resolved.
    expect(await adminQuery(`SELECT 1 FROM "${schema}".events`)).toEqual([]);
    let firstResolved = false;
    void first.then(() => (firstResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(firstResolved).toBe(false);

    release();
    const { position } = await first;
    // Committed once it resolved (the next batch may have committed too by now).
    const visible = await adminQuery<{ position: string }>(`SELECT position FROM "${schema}".events`);
    expect(visible.map((r) => r.position)).toContain(String(position));
    await Promise.all(rest);
    const transactions = await adminQuery<{ n: string }>(
      `SELECT count(DISTINCT xmin::text) AS n FROM "${schema}".events WHERE stream_id = ANY($1)`,
      [streams],
    );
    expect(transactions).toEqual([{ n: '1' }]);
    expect((await store.readAll()).map((e) => e.position)).toEqual(
      Array.from({ length: 11 }, (_, i) => i + 1),
    );
  });

  it('the naive design (no lock): a batch that loses a race fails only its losing append', async () => {
    // Without the lock two transactions can pass the same check; the unique constraint then
    // refuses the later one's insert, and its batch commits again one append at a time.
    const schema = freshSchemaName();
    const contested = newStreamId('contested');
    let held!: () => void;
    const heldBeforeCommit = new Promise<void>((resolve) => (held = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holdOnce = true;
    const store = await open(schema, {
      ordering: 'naive',
      beforeCommit: async (streamId) => {
        if (streamId !== contested || !holdOnce) return;
        holdOnce = false;
        held();
        await gate;
      },
    });
    const winner = store.appendToStream(contested, numbered(1), { expectedRevision: 'no-stream' });
    await heldBeforeCommit;
    const bystander = newStreamId();
    const batch = Promise.allSettled([
      store.appendToStream(contested, numbered(1), { expectedRevision: 'no-stream' }),
      store.appendToStream(bystander, numbered(2)),
    ]);
    // The second batch's insert waits on the winner's uncommitted row in the unique index.
    await waitUntil(async () => (await rowLockWaits(schema)) > 0, 'second batch blocked on the index');
    release();
    await winner;
    const [lost, won] = await batch;
    expect(lost.status).toBe('rejected');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ streamId: contested, actual: 0 });
    expect(won).toMatchObject({ status: 'fulfilled', value: { revision: 1 } });
    expect(await store.readStream(contested)).toHaveLength(1);
    expect(await store.readStream(bystander)).toHaveLength(2);
  });

  it('fails fast on an unreachable server, naming the store, the address and the fix', async () => {
    const error = await PostgresEventStore.connect({
      connectionString: 'postgres://engine:secret-pw@127.0.0.1:1/bureau',
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain('PostgreSQL event store');
    expect(error!.message).toContain('127.0.0.1:1/bureau');
    expect(error!.message).toContain('ECONNREFUSED');
    expect(error!.message).toContain('EVENT_STORE=sqlite');
    expect(error!.message).not.toContain('secret-pw');
  });

  it('several processes creating the schema at the same time all start', async () => {
    const schema = freshSchemaName();
    const stores = await Promise.all(Array.from({ length: 6 }, () => open(schema, { poolSize: 1 })));
    await stores[0].appendToStream(newStreamId(), numbered(1));
    expect(await stores[5].headPosition()).toBe(1);
  });

  it('two engine processes (two pools) racing on one stream: exactly one wins each revision', async () => {
    const schema = freshSchemaName();
    const [alpha, beta] = [await open(schema), await open(schema)];
    const shared = newStreamId('shared');
    const rounds = 40;
    const winners: string[] = [];
    for (let revision = 0; revision < rounds; revision++) {
      // Both expect the same revision and send at once, each through its own pool.
      const expectedRevision = revision === 0 ? ('no-stream' as const) : revision - 1;
      const attempts = await Promise.allSettled(
        (['alpha', 'beta'] as const).map((writer, i) =>
          [alpha, beta][i].appendToStream(shared, [newEvent('Raced', { writer })], { expectedRevision }),
        ),
      );
      const won = attempts.flatMap((a, i) => (a.status === 'fulfilled' ? [['alpha', 'beta'][i]] : []));
      expect(won).toHaveLength(1);
      const lost = attempts.find((a): a is PromiseRejectedResult => a.status === 'rejected')!;
      expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(lost.reason).toMatchObject({ actual: revision });
      winners.push(won[0]);
    }
    const stream = await alpha.readStream(shared);
    expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: rounds }, (_, i) => i));
    expect(stream.map((e) => (e.data as { writer: string }).writer)).toEqual(winners);
    expect((await beta.readAll()).map((e) => e.position)).toEqual(stream.map((_, i) => i + 1));
  });

  it('a subscription resumed from its checkpoint after close and reconnect misses and repeats nothing', async () => {
    const schema = freshSchemaName();
    let checkpoint = 0;
    const delivered: StoredEvent[] = [];
    const consume = (store: PostgresEventStore) =>
      store.subscribe({
        after: checkpoint,
        batchSize: 3,
        onBatch: async (batch) => {
          delivered.push(...batch);
          checkpoint = batch[batch.length - 1].position;
        },
      });
    const streamId = newStreamId();
    let store = await open(schema);
    await store.appendToStream(streamId, numbered(5));
    let sub = consume(store);
    await waitUntil(() => delivered.length === 5, 'first run');
    await sub.stop();
    await store.close();

    // While the consumer is down, another process appends.
    const writer = await open(schema);
    await writer.appendToStream(streamId, numbered(4, 5));

    store = await open(schema);
    sub = consume(store);
    await store.appendToStream(streamId, numbered(2, 9));
    await waitUntil(() => delivered.length >= 11, 'second run');
    await sub.stop();
    expect(ns(delivered)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(checkpoint).toBe(11);
  });

  it("wakes on another process's append through NOTIFY, not the poll", async () => {
    // With a one-minute poll only a notification can deliver within waitUntil's 10 s.
    const schema = freshSchemaName();
    const reader = await open(schema, { pollIntervalMs: 60_000 });
    const writer = await open(schema);
    const seen: StoredEvent[] = [];
    const sub = reader.subscribe({ after: 0, onBatch: async (batch) => void seen.push(...batch) });
    await waitUntil(async () => (await listenerPids(schema)).length === 1, 'listener connected');
    await writer.appendToStream(newStreamId(), numbered(1));
    await waitUntil(() => seen.length === 1, 'first remote event');
    await writer.appendToStream(newStreamId(), numbered(1, 1));
    await waitUntil(() => seen.length === 2, 'second remote event');
    await sub.stop();
  });

  it('reconnects the LISTEN connection when it drops, and is woken through it again', async () => {
    const schema = freshSchemaName();
    const reader = await open(schema, { pollIntervalMs: 60_000 });
    const writer = await open(schema);
    const seen: StoredEvent[] = [];
    const sub = reader.subscribe({ after: 0, onBatch: async (batch) => void seen.push(...batch) });
    await waitUntil(async () => (await listenerPids(schema)).length === 1, 'listener connected');
    const [first] = await listenerPids(schema);
    await adminQuery('SELECT pg_terminate_backend($1)', [first]);
    await waitUntil(async () => {
      const pids = await listenerPids(schema);
      return pids.length === 1 && pids[0] !== first;
    }, 'listener reconnected');
    await writer.appendToStream(newStreamId(), numbered(1));
    await waitUntil(() => seen.length === 1, 'event after reconnect');
    await sub.stop();
  });

  it('opens no LISTEN connection for a store that only writes, and closes it with the store', async () => {
    const schema = freshSchemaName();
    const store = await open(schema);
    await store.appendToStream(newStreamId(), numbered(1));
    expect(await listenerPids(schema)).toEqual([]);
    store.subscribe({ after: 0, onBatch: async () => undefined });
    await waitUntil(async () => (await listenerPids(schema)).length === 1, 'listener connected');
    await store.close();
    await waitUntil(async () => (await listenerPids(schema)).length === 0, 'listener closed');
  });
});

/** Backends of the schema's LISTEN connection that have issued their LISTEN. */
async function listenerPids(schema: string): Promise<number[]> {
  const rows = await adminQuery<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
    [`event-log-listener:${schema}`],
  );
  return rows.map((r) => r.pid);
}

/** Is one of this schema's pool connections waiting for an advisory lock (the append lock)? */
async function aWriterWaitsForTheLock(schema: string): Promise<boolean> {
  const rows = await adminQuery(
    `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    [`event-store:${schema}`],
  );
  return rows.length > 0;
}

/** This schema's pool connections waiting for another transaction (a row in a unique index). */
async function rowLockWaits(schema: string): Promise<number> {
  const rows = await adminQuery(
    `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'transactionid'`,
    [`event-store:${schema}`],
  );
  return rows.length;
}
