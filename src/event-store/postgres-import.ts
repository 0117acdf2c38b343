import type { PoolClient } from 'pg';
import type { StoredEvent } from './event-store';
import type { PostgresNames } from './postgres-schema';

const IMPORT_ROWS_PER_STATEMENT = 500;

/**
 * Inserts events exactly as another store recorded them (positions, revisions, recordedAt),
 * under the same lock as appends. Refuses positions that are not above the current head, so
 * the log stays in order for readers. For migration (`store:copy`) only.
 */
export async function importInTransaction(
  client: PoolClient,
  names: PostgresNames,
  events: StoredEvent[],
): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [names.appendLockKey]);
    const head = await client.query<{ p: string }>(
      `SELECT COALESCE(MAX(position), 0) AS p FROM ${names.events}`,
    );
    let previous = Number(head.rows[0].p);
    for (const e of events) {
      if (!(e.position > previous)) {
        throw new Error(
          `import: position ${e.position} is not above ${previous}; the log must grow in order`,
        );
      }
      previous = e.position;
    }
    // Several rows per statement (8 parameters each, well under the protocol's 65535).
    for (let start = 0; start < events.length; start += IMPORT_ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      const rows = events.slice(start, start + IMPORT_ROWS_PER_STATEMENT).map((e) => {
        params.push(
          e.position,
          e.id,
          e.streamId,
          e.revision,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.recordedAt,
        );
        const p = params.length - 7;
        return `($${p}::bigint, $${p + 1}, $${p + 2}, $${p + 3}::int, $${p + 4}, $${p + 5}::jsonb, $${p + 6}::jsonb, $${p + 7}::timestamptz)`;
      });
      await client.query(
        `INSERT INTO ${names.events} (position, event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES ${rows.join(', ')}`,
        params,
      );
    }
    await client.query('SELECT pg_notify($1, $2)', [names.channel, String(previous)]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
