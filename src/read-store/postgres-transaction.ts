import type { Pool, PoolClient } from 'pg';
import { postgresNames } from '../event-store/postgres-schema';

/** unique_violation, duplicate_table, duplicate_schema, duplicate_object: a concurrent CREATE won. */
const CREATE_RACE = new Set(['23505', '42P07', '42P06', '42710']);

/** Runs `job` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction(pool: Pool, job: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await job(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    // A connection that could not even roll back is discarded rather than reused.
    client.release(broken);
  }
}

/**
 * DDL under a transaction-scoped advisory lock: concurrent `CREATE ... IF NOT EXISTS` from
 * two processes starting together can otherwise fail on a catalog unique index. The lock is
 * the one the PostgreSQL event store takes for its DDL in the same schema, so the two stores
 * of one process, opened at the same time, do not race creating the schema either. Anything
 * else creating objects there can still collide; the loser's retry then finds them.
 */
export async function runDdl(pool: Pool, schema: string, statements: string[]): Promise<void> {
  const lockKey = postgresNames(schema).ddlLockKey;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
        for (const sql of statements) await client.query(sql);
      });
    } catch (error) {
      if (attempt >= 3 || !CREATE_RACE.has(String((error as { code?: unknown }).code))) throw error;
    }
  }
}
