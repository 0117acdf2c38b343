import type { BenchConfig } from './bench-config';
import { runPool, type HttpClient } from './http-client';
import { sampleLag, waitForCatchUp, type CatchUp } from './projection-lag';
import { COMMANDS_PER_ISSUE, runLifecycle } from './scenario';
import { msSince, perSecond, summarize, tick, type LatencySummary } from './stats';

export interface CommandLevelResult {
  concurrency: number;
  issues: number;
  commands: number;
  elapsedMs: number;
  commandsPerSecond: number;
  latency: LatencySummary;
  /** Highest projection lag /health showed while this level ran (sampled every 250 ms). */
  maxLagDuringLoad: number;
  /** From the last command's answer until /health shows lag 0. */
  catchUp: CatchUp;
  stoppedEarly: boolean;
}

/**
 * Command throughput and latency through the real HTTP stack (validation, decider, append,
 * idempotency bookkeeping), with projections running alongside as in production. Each
 * concurrency level takes its own `config.issues` fresh issues through their lifecycle; the
 * commands of one issue are sequential, so concurrency means issues handled at once.
 */
export async function benchCommands(client: HttpClient, config: BenchConfig): Promise<CommandLevelResult[]> {
  const results: CommandLevelResult[] = [];
  let firstIssue = 0;
  for (const concurrency of config.concurrency) {
    const samples: number[] = [];
    const lag = sampleLag(client, 250);
    const deadline = tick() + BigInt(config.phaseSeconds) * 1_000_000_000n;
    const base = firstIssue;
    const started = tick();
    const { done, stoppedEarly } = await runPool(config.issues, concurrency, deadline, async (i) => {
      await runLifecycle(client, base + i, (ms) => samples.push(ms));
    });
    const elapsedMs = msSince(started);
    const maxLag = await lag.stop();
    const catchUp = await waitForCatchUp(client);
    firstIssue += done;
    results.push({
      concurrency,
      issues: done,
      commands: samples.length,
      elapsedMs: Math.round(elapsedMs),
      commandsPerSecond: perSecond(samples.length, elapsedMs),
      latency: summarize(samples),
      maxLagDuringLoad: maxLag,
      catchUp,
      stoppedEarly,
    });
    if (samples.length !== done * COMMANDS_PER_ISSUE) throw new Error('a lifecycle ended half-way');
  }
  return results;
}
