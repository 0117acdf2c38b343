import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { freshTempDir } from './temp-dir';

/** The store setups the benchmark knows: the embedded default and PostgreSQL for both stores. */
export const STORE_SETUPS = ['sqlite', 'postgres'] as const;
export type StoreSetup = (typeof STORE_SETUPS)[number];

/**
 * Where one benchmark keeps its data: always a fresh temp folder, and for PostgreSQL also a
 * fresh schema with a random name, so runs never see each other's rows and concurrent test
 * suites on the same database are left alone.
 */
export interface StoreTarget {
  setup: StoreSetup;
  dataDir: string;
  /** The PostgreSQL schema, or null for SQLite. */
  schema: string | null;
  databaseUrl: string;
  /** Store variables for the engine process; explicit for SQLite too, so a stray EVENT_STORE in the shell cannot switch it. */
  env: Record<string, string>;
  /** The engine's config for this target (what the engine process itself loads). */
  appConfig(): AppConfig;
  /** Deletes the temp folder and drops the schema. */
  remove(): Promise<void>;
}

export function freshTarget(setup: StoreSetup, label: string, databaseUrl: string): StoreTarget {
  const temp = freshTempDir(`${setup}-${label}`);
  const schema =
    setup === 'postgres' ? `bench_${label.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}` : null;
  const env: Record<string, string> =
    schema === null
      ? { EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' }
      : {
          EVENT_STORE: 'postgres',
          READ_STORE: 'postgres',
          DATABASE_URL: databaseUrl,
          DATABASE_SCHEMA: schema,
        };
  return {
    setup,
    dataDir: temp.dir,
    schema,
    databaseUrl,
    env,
    appConfig: () => ({
      ...loadConfig({ ...env, DATA_DIR: temp.dir, LOG_LEVEL: 'silent' }),
      dataDir: temp.dir,
    }),
    async remove() {
      temp.remove();
      if (schema !== null) await dropSchema(databaseUrl, schema);
    },
  };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Fails early, with the variable to change, when PostgreSQL is asked for but not there. */
export async function checkDatabase(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at BENCH_DATABASE_URL (${redact(databaseUrl)}): ${(error as Error).message}. ` +
        'Start it, point BENCH_DATABASE_URL elsewhere, or run with BENCH_STORES=sqlite.',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The connection string without its password, for logs and results. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable connection string)';
  }
}
