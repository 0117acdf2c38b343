import { integer } from '../bench-config';

/**
 * Sizes of `npm run bench:escalation`, from the environment so a quick smoke run (a few
 * hundred pending checks) needs no code change. Values out of range stop the run with the
 * variable's name.
 */
export interface EscalationBenchConfig {
  /** Issues whose item is due far in the future: their checks sit delayed in Redis. */
  pendingIssues: number;
  /** Issues falling due during the run, whose escalation latency is measured. */
  dueIssues: number;
  /** The due times spread over [dueFromMs, dueFromMs + dueSpreadMs) after the due issues are written. */
  dueFromMs: number;
  dueSpreadMs: number;
  /**
   * Sizes of the deadlines read model at which the reconciler and Redis memory are measured
   * without the rest of the engine (BENCH_ESCALATION_SCALE, comma-separated; 0 skips).
   */
  scaleSizes: number[];
  /** Redis holding the queues (REDIS_URL). */
  redisUrl: string;
  /**
   * Which sections run (BENCH_ESCALATION_SECTIONS, comma-separated numbers; all by default).
   * Sections 1–3 run together or not at all (the latency run and the reconciler need section
   * 1's pending issues, and all three share one engine); 4 needs no engine, so `4` alone times
   * the reconciler at scale in a fraction of the run.
   */
  sections: { engine: boolean; scale: boolean };
}

export function loadEscalationBenchConfig(env: NodeJS.ProcessEnv = process.env): EscalationBenchConfig {
  return {
    pendingIssues: integer(env, 'BENCH_ESCALATION_PENDING', 100_000, 1, 2_000_000),
    dueIssues: integer(env, 'BENCH_ESCALATION_DUE', 1_000, 1, 100_000),
    dueFromMs: 10_000,
    dueSpreadMs: 10_000,
    scaleSizes: scaleSizes(env.BENCH_ESCALATION_SCALE ?? '100000,1000000'),
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    sections: sections(env.BENCH_ESCALATION_SECTIONS ?? '1,2,3,4'),
  };
}

function sections(text: string): EscalationBenchConfig['sections'] {
  const listed = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const unknown = listed.find((t) => !['1', '2', '3', '4'].includes(t));
  if (unknown !== undefined || listed.length === 0)
    throw new Error(
      `BENCH_ESCALATION_SECTIONS: "${unknown ?? text}" is not a list of the sections 1, 2, 3 and 4 (e.g. "4")`,
    );
  return { engine: listed.some((t) => t !== '4'), scale: listed.includes('4') };
}

function scaleSizes(text: string): number[] {
  const sizes = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '' && t !== '0');
  for (const size of sizes) {
    if (!/^\d+$/.test(size) || Number(size) > 5_000_000)
      throw new Error(
        `BENCH_ESCALATION_SCALE: "${size}" is not a whole number of pending issues up to 5,000,000`,
      );
  }
  return sizes.map(Number);
}
