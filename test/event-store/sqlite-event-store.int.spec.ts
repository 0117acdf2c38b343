import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { runEventStoreContract } from './event-store.contract';
import { newStreamId, numbered, waitUntil } from './fixtures/helpers';

const tempDirs: string[] = [];
const freshFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-event-store-'));
  tempDirs.push(dir);
  // A nested, missing directory: open() must create it.
  return path.join(dir, 'data', 'events.sqlite');
};
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

runEventStoreContract('SQLite', async () => {
  const file = freshFile();
  const opened = [SqliteEventStore.open(file, { pollIntervalMs: 20 })];
  return {
    store: opened[0],
    reopen: async () => {
      opened.push(SqliteEventStore.open(file, { pollIntervalMs: 20 }));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
    },
  };
});

describe('SqliteEventStore specifics', () => {
  it('numbers positions 1..N without gaps, even after refused appends; empty store is at 0', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      expect(await store.headPosition()).toBe(0);
      expect(await store.readAll()).toEqual([]);
      const streamId = newStreamId();
      await store.appendToStream(streamId, numbered(2));
      await expect(
        store.appendToStream(streamId, numbered(2), { expectedRevision: 'no-stream' }),
      ).rejects.toThrow();
      await store.appendToStream(newStreamId(), numbered(3));
      expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await store.close();
    }
  });

  it('serializes two writer processes: one winner per revision, positions gap-free', async () => {
    const file = freshFile();
    await SqliteEventStore.open(file).close(); // schema first, so neither child races to create it
    const shared = newStreamId('shared');
    const target = 99;
    const writers = ['alpha', 'beta'].map((name) =>
      startWriter(file, shared, `${shared}-${name}`, name, target),
    );
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.send('go');
    const results = await Promise.all(writers.map((w) => w.result));
    for (const r of results) expect(r.error).toBeUndefined();

    const store = SqliteEventStore.open(file);
    try {
      const stream = await store.readStream(shared);
      expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: target + 1 }, (_, i) => i));
      const wonBy = (name: string): number[] =>
        stream.filter((e) => (e.data as { writer: string }).writer === name).map((e) => e.revision);
      expect(results[0].won).toEqual(wonBy('alpha'));
      expect(results[1].won).toEqual(wonBy('beta'));
      const all = await store.readAll({ maxCount: 100_000 });
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    } finally {
      await store.close();
    }
  });

  it('a subscription restarted from its saved checkpoint after a restart misses and repeats nothing', async () => {
    const file = freshFile();
    const checkpointFile = path.join(path.dirname(file), 'checkpoint.json');
    const saveCheckpoint = (position: number): void =>
      fs.writeFileSync(checkpointFile, JSON.stringify({ position }));
    const loadCheckpoint = (): number =>
      fs.existsSync(checkpointFile)
        ? (JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as { position: number }).position
        : 0;
    const delivered: StoredEvent[] = [];
    const consume = (store: SqliteEventStore) =>
      store.subscribe({
        after: loadCheckpoint(),
        batchSize: 3,
        onBatch: async (batch) => {
          delivered.push(...batch);
          saveCheckpoint(batch[batch.length - 1].position);
        },
      });
    const streamId = newStreamId();

    let store = SqliteEventStore.open(file, { pollIntervalMs: 20 });
    await store.appendToStream(streamId, numbered(5));
    let sub = consume(store);
    await waitUntil(() => delivered.length === 5, 'first run');
    await sub.stop();
    await store.close();

    // While the consumer is down, another writer appends.
    const writer = SqliteEventStore.open(file);
    await writer.appendToStream(streamId, numbered(4, 5));
    await writer.close();

    store = SqliteEventStore.open(file, { pollIntervalMs: 20 });
    sub = consume(store);
    await store.appendToStream(streamId, numbered(2, 9));
    await waitUntil(() => delivered.length >= 11, 'second run');
    await sub.stop();
    await store.close();

    expect(delivered.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(loadCheckpoint()).toBe(11);
  });

  it('wakes a subscription on an append in this process without waiting for the poll', async () => {
    // With a one-minute poll only the local wake-up can deliver within waitUntil's 10 s.
    const store = SqliteEventStore.open(freshFile(), { pollIntervalMs: 60_000 });
    const seen: StoredEvent[] = [];
    const sub = store.subscribe({ after: 0, onBatch: async (batch) => void seen.push(...batch) });
    try {
      await store.appendToStream(newStreamId(), numbered(1));
      await waitUntil(() => seen.length === 1, 'first live event');
      await store.appendToStream(newStreamId(), numbered(1));
      await waitUntil(() => seen.length === 2, 'second live event');
    } finally {
      await sub.stop();
      await store.close();
    }
  });

  it('fsyncs every commit: the live connection reads synchronous = FULL (2) after its writes', async () => {
    // better-sqlite3's SQLite drops a WAL connection to NORMAL (1) at its first transaction
    // unless FULL is set explicitly; NORMAL loses acknowledged appends on a power cut.
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    try {
      await store.appendToStream(newStreamId(), numbered(3));
      await store.appendToStream(newStreamId(), numbered(1));
      expect(store.durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
    } finally {
      await store.close();
    }
    // An existing WAL file reopened: the WAL default would apply from the first statement.
    const again = SqliteEventStore.open(file);
    try {
      await again.readStream(newStreamId());
      await again.appendToStream(newStreamId(), numbered(2));
      expect(again.durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
    } finally {
      await again.close();
    }
  });

  it('resolves an append only once its group commit is in the file, seen by another connection', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    const other = new Database(file, { readonly: true });
    const find = other.prepare<[string], { position: number }>(
      'SELECT position FROM events WHERE event_id = ?',
    );
    try {
      const streams = Array.from({ length: 16 }, () => newStreamId());
      const seenWhenResolved = await Promise.all(
        streams.map((streamId) => {
          const [event] = numbered(1);
          // Read synchronously in the resolution itself: nothing else can commit in between.
          return store
            .appendToStream(streamId, [event])
            .then((r) => [r.position, find.get(event.id)?.position]);
        }),
      );
      for (const [position, seen] of seenWhenResolved) expect(seen).toBe(position);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('a writer killed with SIGKILL mid-load loses no acknowledged append, and leaves no gap', async () => {
    const file = freshFile();
    await SqliteEventStore.open(file).close();
    const child = fork(path.join(__dirname, 'fixtures', 'group-commit-writer.js'), [file, '16'], {
      execArgv: ['-r', require.resolve('./fixtures/register-ts.js')],
    });
    const acked: Array<{ streamId: string; revision: number; position: number }> = [];
    const errors: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    child.on('message', (m: { streamId: string; revision: number; position: number } | { error: string }) => {
      if ('error' in m) errors.push(m.error);
      else acked.push(m);
      // Killed while the writers are still going: appends are queued and in flight.
      if (acked.length === 400) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    expect(errors).toEqual([]);

    const store = SqliteEventStore.open(file);
    try {
      const all = await store.readAll({ maxCount: 100_000 });
      expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1));
      const byPosition = new Map(all.map((e) => [e.position, e]));
      for (const ack of acked) {
        expect(byPosition.get(ack.position)).toMatchObject({
          streamId: ack.streamId,
          revision: ack.revision,
        });
      }
      expect(all.length).toBeGreaterThanOrEqual(400);
    } finally {
      await store.close();
    }
  });

  it('keeps data across close and reopen of the file', async () => {
    const file = freshFile();
    const streamId = newStreamId();
    const first = SqliteEventStore.open(file);
    await first.appendToStream(streamId, numbered(3));
    await first.close();
    const again = SqliteEventStore.open(file);
    try {
      expect((await again.readStream(streamId)).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(await again.headPosition()).toBe(3);
    } finally {
      await again.close();
    }
  });
});

interface WriterResult {
  won: number[];
  conflicts: number;
  error?: string;
}

function startWriter(file: string, shared: string, own: string, name: string, target: number) {
  const child: ChildProcess = fork(
    path.join(__dirname, 'fixtures', 'concurrent-writer.js'),
    [file, shared, own, name, String(target)],
    { execArgv: ['-r', require.resolve('./fixtures/register-ts.js')] },
  );
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<WriterResult>((resolve) => {
    child.on('message', (message: { ready?: boolean; ok?: boolean } & WriterResult) => {
      if (message.ready) onReady();
      else resolve(message.ok ? message : { won: [], conflicts: 0, error: message.error ?? 'failed' });
    });
    child.on('exit', (code) =>
      resolve({ won: [], conflicts: 0, error: `writer ${name} exited with ${code}` }),
    );
  });
  return { child, ready, result };
}
