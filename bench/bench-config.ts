import { STORE_SETUPS, type StoreSetup } from './store-setup';

/**
 * Sizes and limits of one store setup's benchmark, each overridable from the environment so a
 * slow machine (or a quick smoke run) can shrink them without editing code.
 */
export interface BenchConfig {
  /** Events appended by each concurrent append run (and by the raw PostgreSQL baseline). */
  events: number;
  /**
   * Events appended by each sequential append run and by the raw SQLite loop: one fsync each,
   * so fewer, to keep several rounds short.
   */
  sequentialEvents: number;
  /** Events per stream in the raw store benchmark. */
  streamSize: number;
  /**
   * Writers of the concurrent append benchmark, each on streams of its own (and connections of
   * the raw PostgreSQL baseline).
   */
  writers: number;
  /** Rounds of the append comparison (raw loop, sequential, concurrent); medians are reported. */
  appendRounds: number;
  /** Issues taken through their whole lifecycle at each concurrency level. */
  issues: number;
  /** Concurrency levels of the HTTP command benchmark, in the order they run. */
  concurrency: number[];
  /** Open issues with a missed due time, seeded so the overdue query has something to find. */
  overdueIssues: number;
  /** Requests per query in the query latency benchmark. */
  queries: number;
  /** Upper bound on any one timed loop; a loop that hits it stops early and says so. */
  phaseSeconds: number;
}

/** A whole run: which setups, where PostgreSQL is, and the sizes of each setup. */
export interface BenchPlan {
  /** BENCH_STORES, in the order they run. @defaultValue ['sqlite', 'postgres'] */
  stores: StoreSetup[];
  /** BENCH_DATABASE_URL. @defaultValue 'postgres://postgres@127.0.0.1:5432/test' */
  databaseUrl: string;
  /** BENCH_KEEP=1 keeps temp folders and schemas (for inspection) instead of deleting them. */
  keep: boolean;
  sizes: Record<StoreSetup, BenchConfig>;
}

type Env = NodeJS.ProcessEnv;

/** A whole-number BENCH_* setting within bounds, or its default. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function levels(env: Env, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 256)) {
    throw new Error(`${name} must be a comma-separated list of whole numbers from 1 to 256, got "${raw}"`);
  }
  return values;
}

function stores(env: Env): StoreSetup[] {
  const raw = env.BENCH_STORES || 'sqlite,postgres';
  const names = raw.split(',').map((s) => s.trim());
  const unknown = names.filter((s) => !(STORE_SETUPS as readonly string[]).includes(s));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `BENCH_STORES must be a comma-separated list of ${STORE_SETUPS.join(', ')}, got "${raw}"`,
    );
  }
  return [...new Set(names as StoreSetup[])];
}

/**
 * PostgreSQL commits each append with an fsync and serialises appends under one lock, so it
 * runs smaller default sizes (raw events, issues per level) to keep the whole default run near
 * three minutes on two cores, and 8 concurrent append writers (the figure issue 13 sets a
 * target for); the query data (overdue seed, requests) is the same, so query latencies compare.
 * BENCH_PG_<NAME> sets a PostgreSQL size; otherwise a BENCH_<NAME> given for the run applies to
 * both setups (a smoke run shrinks everything), and only then do these defaults apply.
 */
const POSTGRES_DEFAULTS = { events: 6_000, sequentialEvents: 1_500, issues: 600, writers: 8 };

export function loadBenchConfig(env: Env = process.env): BenchPlan {
  const sqlite: BenchConfig = {
    events: integer(env, 'BENCH_EVENTS', 20_000, 10, 1_000_000),
    streamSize: integer(env, 'BENCH_STREAM_SIZE', 10, 1, 1000),
    writers: integer(env, 'BENCH_WRITERS', 16, 1, 64),
    sequentialEvents: integer(env, 'BENCH_SEQUENTIAL_EVENTS', 3_000, 10, 1_000_000),
    appendRounds: integer(env, 'BENCH_APPEND_ROUNDS', 5, 1, 15),
    issues: integer(env, 'BENCH_ISSUES', 2_000, 1, 100_000),
    concurrency: levels(env, 'BENCH_CONCURRENCY', [1, 16]),
    overdueIssues: integer(env, 'BENCH_OVERDUE_ISSUES', 300, 0, 100_000),
    queries: integer(env, 'BENCH_QUERIES', 200, 1, 100_000),
    phaseSeconds: integer(env, 'BENCH_PHASE_SECONDS', 60, 1, 3600),
  };
  const pg = (key: keyof typeof POSTGRES_DEFAULTS, name: string, min: number, max: number): number =>
    integer(env, `BENCH_PG_${name}`, env[`BENCH_${name}`] ? sqlite[key] : POSTGRES_DEFAULTS[key], min, max);
  const postgres: BenchConfig = {
    ...sqlite,
    events: pg('events', 'EVENTS', 10, 1_000_000),
    sequentialEvents: pg('sequentialEvents', 'SEQUENTIAL_EVENTS', 10, 1_000_000),
    issues: pg('issues', 'ISSUES', 1, 100_000),
    writers: pg('writers', 'WRITERS', 1, 64),
  };
  return {
    stores: stores(env),
    databaseUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    keep: env.BENCH_KEEP === '1',
    sizes: { sqlite, postgres },
  };
}
