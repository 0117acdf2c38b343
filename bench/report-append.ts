import { appendTargets } from './append-comparison';
import type { AppendResult } from './append-throughput';
import { cells, early, lat, ms, n, table, type Row } from './report-table';
import type { StoreResults } from './results';
import type { StoreSetup } from './store-setup';

const rate = (x: AppendResult): string =>
  `${n(x.eventsPerSecond)} events/s${early(x.stoppedEarly)}${x.gapFree ? '' : ' (GAPS IN POSITIONS)'}`;

/** Section 1 of the report: the store's appends beside the raw driver loop of the same run. */
export function appendSection(setups: StoreSetup[], runs: StoreResults[], head: string[]): string {
  const each = (cell: (x: StoreResults) => string | undefined): string[] => cells(runs, cell);
  const c = (x: StoreResults) => x.appendComparison;
  const rows: Row[] = [
    [
      'raw driver loop (baseline)',
      ...runs.map((x, i) =>
        setups[i] === 'sqlite'
          ? `better-sqlite3, 1 tx per event + revision check, FULL: ${rate(c(x).baseline)}`
          : `pg, ${c(x).baseline.writers} connections, 1-statement INSERTs: ${rate(c(x).baseline)}`,
      ),
    ],
    ['  latency', ...each((x) => lat(c(x).baseline.latency))],
    ['sequential: throughput', ...each((x) => `${rate(x.append)} = ${n(c(x).ratios.sequential)} × raw`)],
    ['  latency', ...each((x) => lat(x.append.latency))],
    ['  events, elapsed', ...each((x) => `${n(x.append.events)}, ${ms(x.append.elapsedMs)}`)],
    [
      'concurrent: throughput',
      ...each(
        (x) =>
          `${x.appendConcurrent.writers} writers: ${rate(x.appendConcurrent)} = ${n(c(x).ratios.concurrent)} × raw`,
      ),
    ],
    ['  latency', ...each((x) => lat(x.appendConcurrent.latency))],
    [
      '  events, elapsed',
      ...each((x) => `${n(x.appendConcurrent.events)}, ${ms(x.appendConcurrent.elapsedMs)}`),
    ],
    [
      'events/s of each round',
      ...each(
        (x) =>
          `raw ${c(x).rounds.baseline.map(n).join(', ')} · seq ${c(x).rounds.sequential.map(n).join(', ')} · ` +
          `conc ${c(x).rounds.concurrent.map(n).join(', ')}`,
      ),
    ],
    [
      'targets (issue 13)',
      ...runs.map((x, i) =>
        appendTargets(setups[i], c(x))
          .map((t) => `${t.met ? 'met' : 'NOT MET'}: ${t.what}`)
          .join('; '),
      ),
    ],
  ];
  return table(
    `1. Event store append (one event per append, revision checked, durable; streams of ${runs[0]?.append.streamSize ?? 0}; medians of ${runs[0]?.config.appendRounds ?? 0} interleaved rounds)`,
    head,
    rows,
  );
}
