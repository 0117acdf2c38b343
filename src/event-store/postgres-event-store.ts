import { EventEmitter } from 'node:events';
import { Pool, type PoolClient } from 'pg';
import type {
  AppendOptions,
  AppendResult,
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
import { type AppendContext, statement } from './postgres-append';
import { PostgresGroupCommit } from './postgres-group-commit';
import { importInTransaction } from './postgres-import';
import { PostgresListener } from './postgres-listener';
import {
  connectError,
  ensureSchema,
  EVENT_COLUMNS,
  type EventRow,
  type PositionOrdering,
  postgresNames,
  type PostgresNames,
  toStored,
} from './postgres-schema';
import { pollingSubscription } from './polling-subscription';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user:password@host:5432/database`. */
  connectionString: string;
  /** Schema holding the `events` table; created if missing. @defaultValue 'public' */
  schema?: string;
  /**
   * How often subscriptions read the log when no wake-up came (a same-process append or a
   * NOTIFY from another process); the safety net for lost notifications. @defaultValue 1000
   */
  pollIntervalMs?: number;
  /** Connections in the pool (the LISTEN connection is extra). @defaultValue 10 */
  poolSize?: number;
  /** How long opening a connection may take before it counts as unreachable. @defaultValue 10000 */
  connectTimeoutMs?: number;
  /** @internal Position allocation; 'naive' only to prove in a test why it is wrong. */
  ordering?: PositionOrdering;
  /** @internal Test seam: runs inside an append's transaction, after its insert, before COMMIT. */
  beforeCommit?: (streamId: string) => Promise<void>;
}

/**
 * The event store on PostgreSQL, shared safely by several engine processes. Appends to one
 * schema's log are serialized under an advisory lock held through COMMIT, so positions are
 * gap-free and become visible strictly in order (see `postgres-append.ts` for why a sequence
 * is not enough); appends that arrive together share one transaction and one commit (see
 * `postgres-group-commit.ts`); reads never wait for writers.
 */
export class PostgresEventStore implements EventStore {
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new SubscriptionSet();
  private readonly commits: PostgresGroupCommit;
  private listener: PostgresListener | null = null;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly names: PostgresNames,
    private readonly options: PostgresEventStoreOptions,
    appendContext: AppendContext,
  ) {
    this.appended.setMaxListeners(0);
    this.commits = new PostgresGroupCommit(pool, appendContext, () => this.appended.emit('appended'));
  }

  /**
   * Connects, creating schema and table if missing (safe when processes start together).
   * @throws Error naming the address and the fix when PostgreSQL cannot be reached.
   */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const ordering = options.ordering ?? 'commit-order';
    const names = postgresNames(options.schema ?? 'public');
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      // Names the connections in pg_stat_activity, for operators (and for the ordering test).
      application_name: `event-store:${names.schema}`.slice(0, 63),
    });
    // An idle client that loses its connection emits on the pool; without a listener that
    // would crash the process. The pool replaces it; the next query reports real trouble.
    pool.on('error', () => undefined);
    // So must one that loses it while checked out between two queries: the query in flight,
    // or the next one, fails and the caller retries; the event itself has no one to tell.
    pool.on('connect', (client) => client.on('error', () => undefined));
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw connectError(options.connectionString, error);
    }
    let lockId: string;
    try {
      await ensureSchema(client, names, ordering);
      lockId = await appendLockId(client, names);
    } catch (error) {
      client.release();
      await pool.end().catch(() => undefined);
      throw new Error(
        `PostgreSQL event store: cannot create schema "${names.schema}": ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    client.release();
    return new PostgresEventStore(pool, names, options, {
      names,
      ordering,
      lockId,
      beforeCommit: options.beforeCommit,
    });
  }

  /**
   * Queued for the next group commit; resolves once that commit is durable, rejects with this
   * append's own error only.
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('PostgresEventStore is closed'));
    return this.commits.append({ streamId, events, expected: options.expectedRevision ?? 'any' });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const { rows } = await this.pool.query<EventRow>(
      statement(
        this.names,
        backwards ? 'read-backwards' : 'read-forwards',
        [streamId, options.fromRevision ?? (backwards ? 2 ** 31 - 1 : 0), options.maxCount ?? null],
        `SELECT ${EVENT_COLUMNS} FROM ${this.names.events}
         WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
         ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      ),
    );
    return rows.map(toStored);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      statement(
        this.names,
        'read-all',
        [options.after ?? 0, options.maxCount ?? 1000],
        `SELECT ${EVENT_COLUMNS} FROM ${this.names.events} WHERE position > $1 ORDER BY position ASC LIMIT $2`,
      ),
    );
    return rows.map(toStored);
  }

  async readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    const wanted = eventPositions(positions);
    if (wanted.length === 0) return [];
    const { rows } = await this.pool.query<EventRow>(
      statement(
        this.names,
        'read-positions',
        [wanted.map(String)],
        `SELECT ${EVENT_COLUMNS} FROM ${this.names.events} WHERE position = ANY($1::bigint[]) ORDER BY position ASC`,
      ),
    );
    return rows.map(toStored);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string }>(
      statement(
        this.names,
        'head',
        [],
        `SELECT COALESCE(MAX(position), 0) AS head FROM ${this.names.events}`,
      ),
    );
    return Number(rows[0].head);
  }

  onAppended(listener: () => void): () => void {
    this.appended.on('appended', listener);
    return () => void this.appended.off('appended', listener);
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('PostgresEventStore is closed');
    this.startListener();
    const wake = {
      on: (listener: () => void) => {
        this.appended.on('appended', listener);
        return () => void this.appended.off('appended', listener);
      },
    };
    const inner = pollingSubscription(this, options, wake, this.options.pollIntervalMs ?? 1000);
    return this.subscriptions.track(inner);
  }

  /**
   * Inserts events exactly as another store recorded them (ids, positions, revisions,
   * recordedAt), in one transaction. For migration (`store:copy`) into a log nobody else
   * writes to meanwhile: it refuses positions not above the current head.
   */
  async importEvents(events: StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.withClient((client) => importInTransaction(client, this.names, events));
    this.appended.emit('appended');
  }

  /**
   * Commits the appends still queued, stops subscriptions and the LISTEN connection, then
   * closes the pool. Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commits.drain();
    await this.subscriptions.stopAll();
    await this.listener?.stop();
    await this.pool.end();
  }

  /** The LISTEN connection opens with the first subscription: writers alone do not need it. */
  private startListener(): void {
    if (this.listener) return;
    this.listener = new PostgresListener(
      {
        connectionString: this.options.connectionString,
        connectionTimeoutMillis: this.options.connectTimeoutMs ?? 10_000,
        // Names the connection in pg_stat_activity (tests find it there to cut it).
        application_name: `event-log-listener:${this.names.schema}`.slice(0, 63),
      },
      this.names.channel,
      () => this.appended.emit('appended'),
    );
    this.listener.start();
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      // The pool itself drops a client whose connection broke (it is no longer queryable).
      client.release();
    }
  }
}

/** The advisory lock key appends take, as a bigint literal (computed by the server once). */
async function appendLockId(client: PoolClient, names: PostgresNames): Promise<string> {
  const { rows } = await client.query<{ id: string }>('SELECT hashtextextended($1, 0)::text AS id', [
    names.appendLockKey,
  ]);
  // Digits only (and a sign): safe to write into the append's BEGIN as a literal.
  if (!/^-?\d+$/.test(rows[0].id)) throw new Error(`unexpected advisory lock id ${rows[0].id}`);
  return rows[0].id;
}
