import type { WebPageResults } from './web/run-web';
import type { MachineMeta } from './machine';
import type { AppendComparison } from './append-comparison';
import type { AppendResult } from './append-throughput';
import type { BenchConfig } from './bench-config';
import type { CommandLevelResult } from './http-commands';
import type { RebuildResult } from './projection-lag';
import type { QueryResult } from './query-latency';
import type { MemoryFigures } from './server-protocol';
import type { StoreSetup } from './store-setup';

/** What one store setup measured (the shape the SQLite-only benchmark wrote at the top level). */
export interface StoreResults {
  /** Sizes this setup ran with (PostgreSQL's defaults are smaller). */
  config: BenchConfig;
  /** Sequential appends, one writer (the median round). */
  append: AppendResult;
  /** The same appends from `config.writers` writers at once, each on streams of its own (the median round). */
  appendConcurrent: AppendResult;
  /** The raw driver loop run beside them, the ratios, and every round's figure. */
  appendComparison: AppendComparison;
  commands: CommandLevelResult[];
  seededOverdueIssues: number;
  rebuild: RebuildResult;
  queries: QueryResult[];
  memory: Array<MemoryFigures & { when: string }>;
  elapsedSeconds: number;
}

/** Everything one run measured; written as JSON to bench/results/latest.json. */
export interface BenchResults {
  meta: MachineMeta & {
    startedAt: string;
    totalSeconds: number;
    stores: StoreSetup[];
    /** BENCH_DATABASE_URL without its password, or null when PostgreSQL did not run. */
    databaseUrl: string | null;
    postgresVersion: string | null;
  };
  /** The web page in chromium with the demo multiplied (bench/web); absent with BENCH_WEB=off. */
  web?: WebPageResults;
  /** Keyed by store setup, in the order they ran. */
  stores: Partial<Record<StoreSetup, StoreResults>>;
}
