import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The machine's PostgreSQL; CI may point elsewhere. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A random schema name, so concurrent test runs never share tables. */
export const freshSchemaName = (prefix = 'es_test'): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Runs one statement on a short-lived connection (schema drops, pg_stat_activity looks). */
export async function adminQuery<Row extends object = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export const dropSchema = async (schema: string): Promise<void> => {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
};
