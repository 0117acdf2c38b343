import { runPool, type HttpClient } from '../http-client';
import { waitForCatchUp } from '../projection-lag';
import { huliReport } from '../scenario';
import { msSince, perSecond, summarize, tick, type LatencySummary } from '../stats';
import type { CommandPathConfig } from './config';

export interface PostIssuesLevel {
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  stoppedEarly: boolean;
}

const PHASE_SECONDS = 60;

/** `POST /issues` alone (one command, one new stream each) at each concurrency level, projections running beside it. */
export async function benchPostIssues(
  client: HttpClient,
  config: CommandPathConfig,
): Promise<PostIssuesLevel[]> {
  const levels: PostIssuesLevel[] = [];
  for (const concurrency of config.postConcurrency) {
    const samples: number[] = [];
    const deadline = tick() + BigInt(PHASE_SECONDS) * 1_000_000_000n;
    const started = tick();
    const { stoppedEarly } = await runPool(config.postIssues, concurrency, deadline, async (i) => {
      const answer = await client.post('/issues', huliReport(i));
      samples.push(answer.ms);
    });
    const elapsedMs = msSince(started);
    levels.push({
      concurrency,
      requests: samples.length,
      requestsPerSecond: perSecond(samples.length, elapsedMs),
      latency: summarize(samples),
      stoppedEarly,
    });
    // The next level starts on an idle engine, not on this one's projections.
    await waitForCatchUp(client);
  }
  return levels;
}
