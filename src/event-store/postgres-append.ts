import type { PoolClient, QueryConfig } from 'pg';
import type { AppendOutcome, AppendRequest, KnownEvent } from './append-batch';
import { WrongExpectedRevisionError } from './event-store';
import { planBatch, resolveOutcomes, type RowToInsert, type StoredState } from './postgres-batch-plan';
import type { PositionOrdering, PostgresNames } from './postgres-schema';

/** What an append transaction needs besides the events. */
export interface AppendContext {
  names: PostgresNames;
  ordering: PositionOrdering;
  /** The advisory lock key of this log, `hashtextextended(appendLockKey, 0)`, computed once at connect. */
  lockId: string;
  /** Test seam: runs inside the transaction after the insert, before COMMIT. @internal */
  beforeCommit?: (streamId: string) => Promise<void>;
}

/**
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
 *
 * Begins an append transaction on `client` and, in 'commit-order', waits for the lock. One
 * round trip: the lock is a statement of its own in the same simple query, because a READ
 * COMMITTED statement reads with the snapshot taken when it started, so one that also waited
 * for the lock would not see the commit it waited for. READ COMMITTED is explicit, because a
 * server default of REPEATABLE READ would freeze the snapshot before the lock wait.
 */
export async function beginAppend(client: PoolClient, ctx: AppendContext): Promise<void> {
  await client.query(
    ctx.ordering === 'commit-order'
      ? `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${ctx.lockId})`
      : 'BEGIN ISOLATION LEVEL READ COMMITTED',
  );
}

/**
 * Writes a batch of appends in the transaction `beginAppend` opened, and commits it: one read
 * of what the batch asks about, the plan (each append checked as if alone, in order), one
 * multi-row insert that also queues the NOTIFY, COMMIT. One round trip each, all under the
 * lock. Returns each append's outcome; an append that fails adds nothing and fails alone.
 * @throws when the transaction fails as a whole (the caller rolls back; nothing is written).
 */
export async function commitBatch(
  client: PoolClient,
  ctx: AppendContext,
  batch: readonly AppendRequest[],
): Promise<AppendOutcome[]> {
  const plan = planBatch(batch, await readStoredState(client, ctx.names, batch));
  let inserted = new Map<string, number>();
  if (plan.rows.length > 0) {
    inserted = await insertRows(client, ctx, plan.rows);
    for (const streamId of plan.writingStreams) await ctx.beforeCommit?.(streamId);
  }
  await client.query('COMMIT');
  return resolveOutcomes(plan, inserted);
}

/**
 * One append in a transaction of its own, for the naive design only: without the lock two
 * transactions can pass the same revision check, and the unique constraint refuses the later
 * one, which must fail alone and as the conflict it is.
 */
export async function commitAlone(
  client: PoolClient,
  ctx: AppendContext,
  request: AppendRequest,
): Promise<AppendOutcome> {
  await beginAppend(client, ctx);
  try {
    const [outcome] = await commitBatch(client, ctx, [request]);
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (!isUniqueViolation(error)) throw error;
    const now = await client.query<{ revision: number }>(
      `SELECT COALESCE(MAX(revision), -1) AS revision FROM ${ctx.names.events} WHERE stream_id = $1`,
      [request.streamId],
    );
    const conflict = isUniqueViolation(error, 'stream_id')
      ? new WrongExpectedRevisionError(request.streamId, request.expected, now.rows[0].revision)
      : error;
    return { ok: false, error: conflict };
  }
}

/** The heads of the batch's streams and where its event ids are stored, in one statement. */
async function readStoredState(
  client: PoolClient,
  names: PostgresNames,
  batch: readonly AppendRequest[],
): Promise<StoredState> {
  const streams = [...new Set(batch.map((r) => r.streamId))];
  const eventIds = batch.flatMap((r) => r.events.map((e) => e.id));
  const { rows } = await client.query<{
    stream_id: string;
    revision: number;
    position: string;
    event_id: string | null;
  }>(statement(names, 'stored-state', [streams, eventIds], storedStateSql(names)));
  const heads = new Map<string, { revision: number; position: number }>();
  const ids = new Map<string, KnownEvent<number>>();
  for (const row of rows) {
    const at = { revision: row.revision, position: Number(row.position) };
    if (row.event_id === null) heads.set(row.stream_id, at);
    else ids.set(row.event_id, { streamId: row.stream_id, ...at });
  }
  return { heads, ids };
}

/**
 * Inserts the batch's rows and queues the NOTIFY (sent at COMMIT) in one statement; returns
 * where each event went. Arrays rather than a VALUES list, so it is one prepared statement
 * whatever the batch's size. Store time comes from the database, taken under the lock:
 * recordedAt then grows with position even across engine processes whose clocks disagree.
 * Milliseconds, like the ISO strings the port promises.
 */
async function insertRows(
  client: PoolClient,
  ctx: AppendContext,
  rows: readonly RowToInsert[],
): Promise<Map<string, number>> {
  const columns = [
    rows.map((r) => r.ord),
    rows.map((r) => r.eventId),
    rows.map((r) => r.streamId),
    rows.map((r) => r.revision),
    rows.map((r) => r.type),
    rows.map((r) => r.data),
    rows.map((r) => r.metadata),
  ];
  const { rows: inserted } = await client.query<{ event_id: string; position: string }>(
    statement(
      ctx.names,
      `insert-${ctx.ordering}`,
      [...columns, ctx.names.channel],
      insertSql(ctx.names, ctx.ordering),
    ),
  );
  return new Map(inserted.map((row) => [row.event_id, Number(row.position)]));
}

/**
 * A named query: prepared once per pooled connection, then only executed. Named per schema,
 * since a name stands for one text on a connection.
 */
export const statement = (
  names: PostgresNames,
  name: string,
  values: unknown[],
  text: string,
): QueryConfig => ({
  name: `${names.channel}:${name}`,
  text,
  values,
});

const storedStateSql = (names: PostgresNames): string =>
  // The last event of each stream through the (stream_id, revision) index, one row each.
  `SELECT s.stream_id, e.revision, e.position::text AS position, NULL::text AS event_id
   FROM unnest($1::text[]) AS s(stream_id)
   CROSS JOIN LATERAL (
     SELECT revision, position FROM ${names.events}
     WHERE stream_id = s.stream_id ORDER BY revision DESC LIMIT 1) e
   UNION ALL
   SELECT stream_id, revision, position::text, event_id FROM ${names.events} WHERE event_id = ANY($2::text[])`;

function insertSql(names: PostgresNames, ordering: PositionOrdering): string {
  const position =
    ordering === 'commit-order' ? 'head.p + v.ord' : `nextval('${names.naiveSequence.replace(/'/g, "''")}')`;
  return `WITH head AS (
       SELECT COALESCE(MAX(position), 0) AS p, date_trunc('milliseconds', clock_timestamp()) AS t
       FROM ${names.events}),
     inserted AS (
       INSERT INTO ${names.events} (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
       SELECT ${position}, v.event_id, v.stream_id, v.revision, v.type, v.data::jsonb, v.metadata::jsonb, head.t
       FROM head, unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
         AS v(ord, event_id, stream_id, revision, type, data, metadata)
       ORDER BY v.ord
       RETURNING event_id, position),
     notified AS (SELECT pg_notify($8, MAX(position)::text) FROM inserted)
     SELECT event_id, position::text AS position FROM inserted, notified`;
}

export function isUniqueViolation(error: unknown, column?: string): boolean {
  const e = error as { code?: string; constraint?: string; detail?: string };
  return (
    e?.code === '23505' &&
    (column === undefined || `${e.constraint ?? ''} ${e.detail ?? ''}`.includes(column))
  );
}
