/** Timing and latency statistics for the benchmarks; all clocks are process.hrtime.bigint. */

export const tick = (): bigint => process.hrtime.bigint();

/** Milliseconds elapsed since `start` (a `tick()`), with sub-millisecond precision. */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
}

/** Nearest-rank percentile of an ascending list (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sorted.length ? total / sorted.length : Number.NaN),
    maxMs: round(sorted.length ? sorted[sorted.length - 1] : Number.NaN),
  };
}

/** Rate per second of `count` things done in `elapsedMs`. */
export const perSecond = (count: number, elapsedMs: number): number =>
  elapsedMs > 0 ? Math.round((count / elapsedMs) * 1000) : 0;

export const round = (value: number, digits = 3): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** The middle value (the upper middle one of an even count). */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
