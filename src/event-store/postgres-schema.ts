import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { StoredEvent } from './event-store';

/**
 * How positions are allocated. 'commit-order' is the real design; 'naive' (a sequence, the
 * classic BIGSERIAL) exists only so a test can show the gap problem it solves.
 * @internal
 */
export type PositionOrdering = 'commit-order' | 'naive';

/** Quotes an SQL identifier (schema, channel), whatever characters it holds. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every name the adapter derives from its schema, computed once. */
export interface PostgresNames {
  schema: string;
  /** The events table, schema-qualified and quoted. */
  events: string;
  /** The sequence of the naive design, schema-qualified and quoted. */
  naiveSequence: string;
  /** Text hashed into the advisory lock key that serializes appends to this schema's log. */
  appendLockKey: string;
  /** Text hashed into the advisory lock key that serializes schema creation. */
  ddlLockKey: string;
  /** LISTEN/NOTIFY channel; hashed because channel names are limited to 63 bytes. */
  channel: string;
}

export function postgresNames(schema: string): PostgresNames {
  const q = quoteIdent(schema);
  const digest = createHash('sha1').update(schema).digest('hex').slice(0, 16);
  return {
    schema,
    events: `${q}.events`,
    naiveSequence: `${q}.events_naive_position_seq`,
    appendLockKey: `escalation-engine:event-log:${schema}`,
    ddlLockKey: `escalation-engine:event-log-ddl:${schema}`,
    channel: `event_log_${digest}`,
  };
}

/**
 * Creates the schema and the events table if missing. Two processes starting at once would
 * race on CREATE ... IF NOT EXISTS (it can still fail with a unique violation on the
 * catalog), so the DDL runs under a transaction-level advisory lock, released at COMMIT.
 */
export async function ensureSchema(
  client: PoolClient,
  names: PostgresNames,
  ordering: PositionOrdering,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [names.ddlLockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(names.schema)}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${names.events} (
        position    BIGINT PRIMARY KEY,
        event_id    TEXT NOT NULL UNIQUE,
        stream_id   TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT NOT NULL,
        data        JSONB NOT NULL,
        metadata    JSONB NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        UNIQUE (stream_id, revision)
      )`);
    if (ordering === 'naive') await client.query(`CREATE SEQUENCE IF NOT EXISTS ${names.naiveSequence}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The columns every read selects, in the shape `toStored` expects. */
export const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export interface EventRow {
  /** BIGINT arrives as a string from `pg`; parsed per row so no global type parser changes. */
  position: string;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

export const toStored = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: row.revision,
  position: Number(row.position),
  recordedAt: row.recorded_at.toISOString(),
});

/** "host:port/database" from a connection string, never the password. */
export function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
    return `${url.hostname || 'localhost'}:${url.port || '5432'}/${database}`;
  } catch {
    return '(unparsable connection string)';
  }
}

/** The start-up error: what failed, where, why, and what to do about it. */
export function connectError(connectionString: string, cause: unknown): Error {
  // Node reports a refused "localhost" (tried as ::1 and 127.0.0.1) as an AggregateError
  // with an empty message; its inner errors say what happened.
  const reason =
    cause instanceof AggregateError && !cause.message
      ? cause.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
      : cause instanceof Error
        ? cause.message || cause.name
        : String(cause);
  return new Error(
    `PostgreSQL event store: cannot connect to ${describeTarget(connectionString)} (${reason}). ` +
      'Start PostgreSQL there (or fix the connection string), or set EVENT_STORE=sqlite to use the embedded store.',
    { cause },
  );
}
