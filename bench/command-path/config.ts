import { integer } from '../bench-config';

/** Sizes of the command-path benchmark, each overridable from the environment. */
export interface CommandPathConfig {
  /** Events of the long issue: its report and meetings (BENCH_LONG_EVENTS). @defaultValue 1000 */
  longEvents: number;
  /** Timed commands per series in the long-versus-new comparison (BENCH_LONG_SAMPLES). @defaultValue 150 */
  samples: number;
  /** POST /issues requests per concurrency level (BENCH_POST_ISSUES). @defaultValue 1500 */
  postIssues: number;
  /** Concurrency levels of POST /issues (BENCH_POST_CONCURRENCY). @defaultValue [1, 16] */
  postConcurrency: number[];
}

export function loadCommandPathConfig(env: NodeJS.ProcessEnv = process.env): CommandPathConfig {
  const levels = (env.BENCH_POST_CONCURRENCY || '1,16').split(',').map((s) => Number(s.trim()));
  if (levels.some((c) => !Number.isInteger(c) || c < 1 || c > 256)) {
    throw new Error(
      `BENCH_POST_CONCURRENCY must be whole numbers from 1 to 256, got "${env.BENCH_POST_CONCURRENCY}"`,
    );
  }
  return {
    longEvents: integer(env, 'BENCH_LONG_EVENTS', 1000, 2, 100_000),
    samples: integer(env, 'BENCH_LONG_SAMPLES', 150, 1, 10_000),
    postIssues: integer(env, 'BENCH_POST_ISSUES', 1500, 1, 1_000_000),
    postConcurrency: levels,
  };
}
