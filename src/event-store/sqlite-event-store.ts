import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import {
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  assertExpectedRevision,
} from './event-store';
import { SubscriptionSet } from './subscription-set';
import { pollingSubscription } from './polling-subscription';

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for events appended by other processes. @defaultValue 100 */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. @defaultValue 5000 */
  busyTimeoutMs?: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
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

const toStored = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  data: JSON.parse(row.data),
  // Written by append() from an EventMetadata, so it reads back as one.
  metadata: JSON.parse(row.metadata) as EventMetadata,
  streamId: row.stream_id,
  revision: row.revision,
  position: row.position,
  recordedAt: row.recorded_at,
});

/**
 * The embedded event store: one SQLite file, safe for several processes at once. Appends take
 * the write lock up front (BEGIN IMMEDIATE), so writers serialize and positions are gap-free
 * in commit order; readers never block them (WAL).
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new SubscriptionSet();
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.appended.setMaxListeners(0);
  }

  /** Opens (creating directory, file and schema if missing) the store at `filePath`. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (filePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
    const db = new Database(filePath);
    // The busy timeout must come first: switching to WAL and creating the schema need locks
    // another process may hold.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    // An acknowledged append must survive a power cut, so every commit fsyncs the WAL: FULL,
    // set explicitly. It used to be left at "the default", which is not FULL here: SQLite's own
    // default is FULL, but better-sqlite3 builds SQLite with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1,
    // and SQLite applies that WAL default when a connection first reads page 1 of a file in WAL
    // mode (at its first transaction: lockBtree → setDefaultSyncFlag) unless the connection set
    // `synchronous` itself. So the pragma still read 2 right after `journal_mode = WAL`, and 1
    // from the CREATE TABLE on (at once, on reopening an existing file). Neither the order of
    // the two pragmas nor a second connection was the cause (FULL set before or after WAL both
    // stick); the setting is per connection and not kept in the file, so every open sets it.
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    return new SqliteEventStore(db, options.pollIntervalMs ?? 100);
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const append = this.db.transaction(() => this.appendInTransaction(streamId, events, expected));
    const { result, wrote } = append.immediate();
    if (wrote) this.appended.emit('appended');
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.db
            .prepare(
              'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
            )
            .all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.db
            .prepare(
              'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
            )
            .all(streamId, options.fromRevision ?? 0, limit);
    return (rows as EventRow[]).map(toStored);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?')
      .all(options.after ?? 0, options.maxCount ?? 1000) as EventRow[];
    return rows.map(toStored);
  }

  async headPosition(): Promise<number> {
    const row = this.db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as {
      head: number;
    };
    return row.head;
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('SqliteEventStore is closed');
    const wake = {
      on: (listener: () => void) => {
        this.appended.on('appended', listener);
        return () => void this.appended.off('appended', listener);
      },
    };
    const inner = pollingSubscription(this, options, wake, this.pollIntervalMs);
    return this.subscriptions.track(inner);
  }

  /**
   * What the live connection's durability settings read now: `synchronous` 2 (FULL) means every
   * commit fsyncs the WAL before the append resolves. For health checks and tests.
   */
  durabilitySettings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  /** Stops this store's subscriptions, then closes the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    this.db.close();
  }

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; wrote: boolean } {
    const replay = this.findEarlierAppend(streamId, events);
    if (replay) return { result: replay, wrote: false };

    const last = this.db
      .prepare('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .get(streamId) as { revision: number; position: number } | undefined;
    const actual = last?.revision ?? -1;
    assertExpectedRevision(streamId, expected, actual);
    // An empty append only checks the expectation and reports where the stream stands.
    if (events.length === 0)
      return { result: { revision: actual, position: last?.position ?? 0 }, wrote: false };

    const insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const recordedAt = new Date().toISOString();
    let position = 0;
    events.forEach((event, i) => {
      const info = insert.run(
        event.id,
        streamId,
        actual + 1 + i,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    });
    return { result: { revision: actual + events.length, position }, wrote: true };
  }

  /**
   * A retry of an append that already committed (same ids, same stream, same order) returns
   * the first result, whatever it expects now. Ids that match only in part are a caller bug.
   */
  private findEarlierAppend(streamId: string, events: NewEvent[]): AppendResult | null {
    if (events.length === 0) return null;
    if (new Set(events.map((e) => e.id)).size !== events.length) {
      throw new Error(`append to ${streamId}: the same event id appears twice in one append`);
    }
    const lookup = this.db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?');
    const found = events.map(
      (e) => lookup.get(e.id) as { stream_id: string; revision: number; position: number } | undefined,
    );
    if (found.every((row) => row === undefined)) return null;
    const first = found[0];
    const consecutive = found.every(
      (row, i) => row !== undefined && row.stream_id === streamId && row.revision === first!.revision + i,
    );
    if (!consecutive) {
      const known = events.filter((_, i) => found[i] !== undefined).map((e) => e.id);
      throw new Error(
        `append to ${streamId}: event ids ${known.join(', ')} are already stored, but not as ` +
          `this exact sequence in this stream; a retry must resend the same events`,
      );
    }
    const lastRow = found[found.length - 1]!;
    return { revision: lastRow.revision, position: lastRow.position };
  }
}
