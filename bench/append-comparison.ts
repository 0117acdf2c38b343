import { rawPostgresInserts, rawSqliteLoop } from './append-baselines';
import { benchAppend, type AppendResult } from './append-throughput';
import type { BenchConfig } from './bench-config';
import type { StoreSetup } from './store-setup';

/**
 * The event store's appends beside the raw driver loop, interleaved round by round (baseline,
 * sequential, concurrent, then again) so that a machine busy with other work slows all three
 * alike, and reported as medians and ratios.
 */
export interface AppendComparison {
  /** The raw loop: SQLite one writer at synchronous = FULL; PostgreSQL `writers` connections. */
  baseline: AppendResult;
  /** The engine's store, one writer: every append its own commit. */
  sequential: AppendResult;
  /** The engine's store, `writers` writers at once: group commit. */
  concurrent: AppendResult;
  /**
   * The engine's events/s divided by the baseline's of the same round, median over the rounds:
   * a round's runs follow each other at once, so they share the machine's load of the moment.
   */
  ratios: { sequential: number; concurrent: number };
  /** Events/s of every round, in run order, so the spread shows. */
  rounds: { baseline: number[]; sequential: number[]; concurrent: number[] };
}

type Log = (line: string) => void;

export async function compareAppends(
  setup: StoreSetup,
  config: BenchConfig,
  databaseUrl: string,
  keep: boolean,
  log: Log,
): Promise<AppendComparison> {
  const runs: Record<'baseline' | 'sequential' | 'concurrent', AppendResult[]> = {
    baseline: [],
    sequential: [],
    concurrent: [],
  };
  for (let round = 1; round <= config.appendRounds; round++) {
    const of = `round ${round} of ${config.appendRounds}`;
    if (setup === 'sqlite') {
      log(
        `sqlite: raw better-sqlite3 loop at synchronous = FULL, ${config.sequentialEvents} events (${of})…`,
      );
      const raw = rawSqliteLoop(config, keep);
      if (raw.synchronous !== 2) throw new Error(`raw loop: synchronous reads ${raw.synchronous}, not FULL`);
      runs.baseline.push(raw);
    } else {
      log(`postgres: raw pg inserts from ${config.writers} connections, ${config.events} events (${of})…`);
      runs.baseline.push(await rawPostgresInserts(config, databaseUrl, config.writers, keep));
    }
    log(`${setup}: event store, ${config.sequentialEvents} events, sequentially (${of})…`);
    runs.sequential.push(await benchAppend(setup, config, databaseUrl, 1, keep));
    log(`${setup}: event store, ${config.events} events from ${config.writers} concurrent writers (${of})…`);
    runs.concurrent.push(await benchAppend(setup, config, databaseUrl, config.writers, keep));
  }
  const baseline = median(runs.baseline);
  const sequential = median(runs.sequential);
  const concurrent = median(runs.concurrent);
  const ratio = (xs: AppendResult[]): number => {
    const perRound = xs
      .map((x, i) => x.eventsPerSecond / runs.baseline[i].eventsPerSecond)
      .sort((a, b) => a - b);
    return Math.round(perRound[Math.floor((perRound.length - 1) / 2)] * 100) / 100;
  };
  const rate = (xs: AppendResult[]): number[] => xs.map((x) => x.eventsPerSecond);
  return {
    baseline,
    sequential,
    concurrent,
    ratios: { sequential: ratio(runs.sequential), concurrent: ratio(runs.concurrent) },
    rounds: {
      baseline: rate(runs.baseline),
      sequential: rate(runs.sequential),
      concurrent: rate(runs.concurrent),
    },
  };
}

/** The run with the median throughput (the lower middle one of an even count). */
function median(results: AppendResult[]): AppendResult {
  const sorted = [...results].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The targets for the append figures, checked on one run's comparison. */
export function appendTargets(setup: StoreSetup, c: AppendComparison): Array<{ what: string; met: boolean }> {
  if (setup === 'sqlite') {
    return [
      { what: 'sequential ≥ 0.70 × the raw loop at FULL', met: c.ratios.sequential >= 0.7 },
      {
        what: `${c.concurrent.writers} writers > the raw one-transaction-per-event loop at FULL`,
        met: c.ratios.concurrent > 1,
      },
    ];
  }
  return [
    {
      what: `${c.concurrent.writers} writers ≥ 4,000 events/s, positions gap-free`,
      met: c.concurrent.eventsPerSecond >= 4000 && c.concurrent.gapFree,
    },
  ];
}
