import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { anEvent, type AppendResult } from './append-throughput';
import type { BenchConfig } from './bench-config';
import { msSince, perSecond, summarize, tick } from './stats';
import { freshTempDir } from './temp-dir';

/**
 * The raw baselines the engine's appends are measured against, run in the same benchmark run
 * so that every append figure is a ratio: what the driver alone does on this machine, now,
 * with the same events, the same table and the same durability.
 */

/** The events table of the SQLite store, written out here so the baseline runs no engine code. */
const SQLITE_TABLE = `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    stream_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT NOT NULL,
    data        TEXT NOT NULL,
    metadata    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

/**
 * A plain better-sqlite3 loop: one event per `BEGIN IMMEDIATE` transaction, each reading the
 * stream's last revision and checking it before the insert, statements prepared once, WAL at
 * synchronous = FULL (the event log's setting, read back to be sure): the cheapest loop that
 * does what one durable append must do.
 */
export function rawSqliteLoop(config: BenchConfig, keep: boolean): AppendResult & { synchronous: number } {
  const temp = freshTempDir('raw-sqlite');
  const db = new Database(path.join(temp.dir, 'events.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SQLITE_TABLE);
    const last = db
      .prepare<[string], number>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck();
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const append = db.transaction((streamId: string, expected: number, s: number) => {
      const actual = last.get(streamId) ?? -1;
      if (actual !== expected) throw new Error(`raw loop: ${streamId} is at ${actual}, expected ${expected}`);
      const event = anEvent(s, expected + 1);
      insert.run(
        event.id,
        streamId,
        expected + 1,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        new Date().toISOString(),
      );
    });
    const deadline = tick() + BigInt(config.phaseSeconds) * 1_000_000_000n;
    const samples: number[] = [];
    let stoppedEarly = false;
    const started = tick();
    for (let i = 0; i < config.sequentialEvents && !stoppedEarly; i++) {
      const s = Math.floor(i / config.streamSize);
      const t0 = tick();
      append.immediate(`issue-bench-${s}`, (i % config.streamSize) - 1, s);
      samples.push(msSince(t0));
      stoppedEarly = t0 > deadline;
    }
    const elapsedMs = msSince(started);
    return {
      events: samples.length,
      streams: Math.ceil(samples.length / config.streamSize),
      streamSize: config.streamSize,
      writers: 1,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: perSecond(samples.length, elapsedMs),
      latency: summarize(samples),
      stoppedEarly,
      gapFree: true,
      synchronous: Number(db.pragma('synchronous', { simple: true })),
    };
  } finally {
    db.close();
    if (!keep) temp.remove();
  }
}

/**
 * Plain `pg` inserts from `writers` connections at once: one single-statement (autocommit)
 * INSERT per event, prepared once per connection, no lock, no revision check, positions from
 * a sequence. PostgreSQL commits each with an fsync of its own or shares one between
 * concurrent commits by itself. The ceiling for one event per transaction; the engine's
 * append does more (the check, the gap-free order) and must still come near or past it.
 */
export async function rawPostgresInserts(
  config: BenchConfig,
  databaseUrl: string,
  writers: number,
  keep: boolean,
): Promise<AppendResult> {
  const schema = `bench_raw_pg_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const clients: Client[] = [];
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`
      CREATE TABLE "${schema}".events (
        position    BIGSERIAL PRIMARY KEY,
        event_id    TEXT NOT NULL UNIQUE,
        stream_id   TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT NOT NULL,
        data        JSONB NOT NULL,
        metadata    JSONB NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        UNIQUE (stream_id, revision)
      )`);
    for (let w = 0; w < writers; w++) {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      clients.push(client);
    }
    const text = `INSERT INTO "${schema}".events (event_id, stream_id, revision, type, data, metadata, recorded_at)
                  VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, clock_timestamp())`;
    const streams = Math.ceil(config.events / config.streamSize);
    const deadline = tick() + BigInt(config.phaseSeconds) * 1_000_000_000n;
    const samples: number[] = [];
    let stoppedEarly = false;
    const writer = async (w: number): Promise<void> => {
      const client = clients[w];
      for (let s = w; s < streams && !stoppedEarly; s += writers) {
        for (let r = 0; r < config.streamSize && samples.length < config.events; r++) {
          const event = anEvent(s, r);
          const t0 = tick();
          await client.query({
            name: 'raw-insert',
            text,
            values: [
              event.id,
              `issue-bench-${s}`,
              r,
              event.type,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
            ],
          });
          samples.push(msSince(t0));
          if (t0 > deadline) stoppedEarly = true;
          if (stoppedEarly) return;
        }
      }
    };
    const started = tick();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    const elapsedMs = msSince(started);
    const { rows } = await admin.query<{ n: string; max: string | null }>(
      `SELECT count(*) AS n, max(position) AS max FROM "${schema}".events`,
    );
    return {
      events: samples.length,
      streams: Math.min(streams, Math.ceil(samples.length / config.streamSize)),
      streamSize: config.streamSize,
      writers,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: perSecond(samples.length, elapsedMs),
      latency: summarize(samples),
      stoppedEarly,
      // A sequence without rollbacks leaves no gap in the end; it is their order of becoming
      // visible that is not gap-free (see docs/event-stores.md).
      gapFree: Number(rows[0].n) === samples.length && Number(rows[0].max) === samples.length,
    };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    if (!keep) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}
