import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from './event-store';
import { eventPositions } from './event-store';
import { SubscriptionSet } from './subscription-set';
import { pollingSubscription } from './polling-subscription';
import { SqliteAppender } from './sqlite-append';
import { SqliteGroupCommit } from './sqlite-group-commit';
import { StatementsByLimit } from '../sqlite/limit-literal';

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for events appended by other processes. @defaultValue 100 */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. @defaultValue 5000 */
  busyTimeoutMs?: number;
}

/**
 * An event's row as the reads fetch it: an array in `EVENT_COLUMNS` order (better-sqlite3's raw
 * mode), not an object with a property per column, which cost a fifth of reading the log.
 */
type EventRow = [
  position: number,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

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

const toStored = ([
  position,
  id,
  streamId,
  revision,
  type,
  data,
  metadata,
  recordedAt,
]: EventRow): StoredEvent => ({
  id,
  type,
  data: JSON.parse(data),
  // Written by append() from an EventMetadata, so it reads back as one.
  metadata: JSON.parse(metadata) as EventMetadata,
  streamId,
  revision,
  position,
  recordedAt,
});

/**
 * The embedded event store: one SQLite file, safe for several processes at once. Appends take
 * the write lock up front (BEGIN IMMEDIATE), so writers serialize and positions are gap-free
 * in commit order; readers never block them (WAL). Every commit is fsynced (synchronous =
 * FULL), and appends that arrive together share one commit (see `sqlite-group-commit.ts`).
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new SubscriptionSet();
  private readonly commits: SqliteGroupCommit;
  // Prepared once: re-preparing per call cost as much as the work.
  private readonly forwards: StatementsByLimit<[string, number], EventRow>;
  private readonly backwards: StatementsByLimit<[string, number], EventRow>;
  private readonly after: StatementsByLimit<[number], EventRow>;
  private readonly head: Database.Statement<[], number>;
  private readonly at: Database.Statement<[string], EventRow>;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.appended.setMaxListeners(0);
    const appender = new SqliteAppender(db);
    this.commits = new SqliteGroupCommit(
      (batch) => appender.write(batch),
      () => this.appended.emit('appended'),
    );
    const raw = { raw: true };
    this.forwards = new StatementsByLimit(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC`,
      raw,
    );
    this.backwards = new StatementsByLimit(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC`,
      raw,
    );
    this.after = new StatementsByLimit(
      db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC`,
      raw,
    );
    this.head = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    // One statement for any number of positions: they come as one JSON array.
    this.at = db
      .prepare<[string], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position ASC`,
      )
      .raw();
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

  /**
   * Queued for the group commit of this turn of the event loop; resolves once that commit is
   * on disk, rejects with this append's own error only.
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('SqliteEventStore is closed'));
    return this.commits.append({ streamId, events, expected: options.expectedRevision ?? 'any' });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.backwards.for(limit).all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER)
        : this.forwards.for(limit).all(streamId, options.fromRevision ?? 0);
    return rows.map(toStored);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.after
      .for(options.maxCount ?? 1000)
      .all(options.after ?? 0)
      .map(toStored);
  }

  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const wanted = eventPositions(positions);
    return wanted.length === 0 ? [] : this.at.all(JSON.stringify(wanted)).map(toStored);
  }

  async headPosition(): Promise<number> {
    return this.head.get()!;
  }

  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    return () => void this.appended.off('appended', listener);
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

  /**
   * Commits the appends still queued, stops this store's subscriptions, then closes the file.
   * Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.commits.flush();
    await this.subscriptions.stopAll();
    this.db.close();
  }
}
