import type { PoolClient } from 'pg';
import {
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  assertExpectedRevision,
  WrongExpectedRevisionError,
} from './event-store';
import type { PositionOrdering, PostgresNames } from './postgres-schema';

/** What one append transaction needs besides the events. */
export interface AppendContext {
  names: PostgresNames;
  ordering: PositionOrdering;
  /** Test seam: runs inside the transaction after the insert, before COMMIT. @internal */
  beforeCommit?: (streamId: string) => Promise<void>;
}

/**
 * Appends inside one transaction on `client` and commits it. Returns whether anything was
 * written (a retried or empty append writes nothing).
 *
 * Why positions cannot come from a sequence: with BIGSERIAL, transaction A takes position 5,
 * B takes 6 and commits first; a reader sees 6, moves its checkpoint past 5, and never sees
 * A's event once A commits. So in 'commit-order' the transaction takes an advisory lock on
 * this log before it reads anything, allocates MAX(position) + 1.., and holds the lock
 * through COMMIT. PostgreSQL makes a commit visible to other sessions before it releases the
 * transaction's locks, so the next writer's statements (each with a fresh READ COMMITTED
 * snapshot, taken after its lock wait) already see the previous commit: a higher position is
 * never visible before a lower one, and positions are gap-free. The revision and idempotency
 * checks run after the lock too: checked before it, a concurrent append could commit in
 * between and both would pass.
 */
export async function appendInTransaction(
  client: PoolClient,
  ctx: AppendContext,
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
): Promise<{ result: AppendResult; wrote: boolean }> {
  const { names } = ctx;
  // Explicit, because a server default of REPEATABLE READ would freeze the snapshot before
  // the lock wait and hide the commit this transaction waited for.
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    if (ctx.ordering === 'commit-order') {
      // A statement of its own: a READ COMMITTED statement reads with the snapshot taken when
      // it started, so one that also waited for the lock would not see the commit it waited for.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [names.appendLockKey]);
    }
    const replay = await findEarlierAppend(client, names, streamId, events);
    if (replay) {
      await client.query('COMMIT');
      return { result: replay, wrote: false };
    }
    const last = await client.query<{ revision: number; position: string }>(
      `SELECT revision, position FROM ${names.events} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`,
      [streamId],
    );
    const actual = last.rows[0]?.revision ?? -1;
    assertExpectedRevision(streamId, expected, actual);
    if (events.length === 0) {
      await client.query('COMMIT');
      return { result: { revision: actual, position: Number(last.rows[0]?.position ?? 0) }, wrote: false };
    }

    const position = await insertEvents(client, ctx, streamId, actual, events);
    await ctx.beforeCommit?.(streamId);
    await client.query('COMMIT');
    return { result: { revision: actual + events.length, position }, wrote: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // Only the naive design can get here (no lock): two writers passed the revision check.
    if (isUniqueViolation(error, 'stream_id')) {
      const now = await client.query<{ revision: number }>(
        `SELECT COALESCE(MAX(revision), -1) AS revision FROM ${names.events} WHERE stream_id = $1`,
        [streamId],
      );
      throw new WrongExpectedRevisionError(streamId, expected, now.rows[0].revision);
    }
    throw error;
  }
}

/**
 * Inserts the events after revision `actual` and queues the NOTIFY (sent at COMMIT) in the
 * same statement, one round trip less while the lock is held; returns the last position.
 */
async function insertEvents(
  client: PoolClient,
  ctx: AppendContext,
  streamId: string,
  actual: number,
  events: NewEvent[],
): Promise<number> {
  const params: unknown[] = [streamId, ctx.names.channel];
  const rows = events.map((event, i) => {
    params.push(
      i + 1,
      event.id,
      actual + 1 + i,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    );
    const p = params.length - 5;
    return `($${p}::int, $${p + 1}::text, $${p + 2}::int, $${p + 3}::text, $${p + 4}::jsonb, $${p + 5}::jsonb)`;
  });
  const position =
    ctx.ordering === 'commit-order'
      ? 'head.p + v.ord'
      : `nextval('${ctx.names.naiveSequence.replace(/'/g, "''")}')`;
  // Store time comes from the database, taken under the lock: recordedAt then grows with
  // position even across engine processes whose clocks disagree. Milliseconds, like the ISO
  // strings the port promises.
  const inserted = await client.query<{ position: string }>(
    `WITH head AS (
       SELECT COALESCE(MAX(position), 0) AS p, date_trunc('milliseconds', clock_timestamp()) AS t
       FROM ${ctx.names.events}),
     inserted AS (
       INSERT INTO ${ctx.names.events} (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
       SELECT ${position}, v.event_id, $1, v.revision, v.type, v.data, v.metadata, head.t
       FROM head, (VALUES ${rows.join(', ')}) AS v(ord, event_id, revision, type, data, metadata)
       ORDER BY v.ord
       RETURNING position),
     last AS (SELECT MAX(position) AS position FROM inserted)
     SELECT position, pg_notify($2, position::text) FROM last`,
    params,
  );
  return Number(inserted.rows[0].position);
}

/**
 * A retry of an append that already committed (same ids, same stream, same order) returns
 * the first result, whatever it expects now. Ids that match only in part are a caller bug.
 */
async function findEarlierAppend(
  client: PoolClient,
  names: PostgresNames,
  streamId: string,
  events: NewEvent[],
): Promise<AppendResult | null> {
  if (events.length === 0) return null;
  if (new Set(events.map((e) => e.id)).size !== events.length) {
    throw new Error(`append to ${streamId}: the same event id appears twice in one append`);
  }
  const stored = await client.query<{
    event_id: string;
    stream_id: string;
    revision: number;
    position: string;
  }>(`SELECT event_id, stream_id, revision, position FROM ${names.events} WHERE event_id = ANY($1::text[])`, [
    events.map((e) => e.id),
  ]);
  if (stored.rows.length === 0) return null;
  const byId = new Map(stored.rows.map((row) => [row.event_id, row]));
  const found = events.map((e) => byId.get(e.id));
  const first = found[0];
  const consecutive = found.every(
    (row, i) => row !== undefined && row.stream_id === streamId && row.revision === first!.revision + i,
  );
  if (!consecutive) {
    throw new Error(
      `append to ${streamId}: event ids ${[...byId.keys()].join(', ')} are already stored, but not as ` +
        `this exact sequence in this stream; a retry must resend the same events`,
    );
  }
  const lastRow = found[found.length - 1]!;
  return { revision: lastRow.revision, position: Number(lastRow.position) };
}

function isUniqueViolation(error: unknown, column: string): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string };
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.detail ?? ''}`.includes(column);
}
