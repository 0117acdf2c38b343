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
  /** Redis holding the queues (REDIS_URL). */
  redisUrl: string;
}

export function loadEscalationBenchConfig(env: NodeJS.ProcessEnv = process.env): EscalationBenchConfig {
  return {
    pendingIssues: integer(env, 'BENCH_ESCALATION_PENDING', 100_000, 1, 2_000_000),
    dueIssues: integer(env, 'BENCH_ESCALATION_DUE', 1_000, 1, 100_000),
    dueFromMs: 10_000,
    dueSpreadMs: 10_000,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}
