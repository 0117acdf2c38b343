import { allProjections } from '../projections';
import type { AppConfig } from '../src/config/app-config';
import { openEventStore, openReadStore } from '../src/config/open-stores';
import { upcastIssueEvent } from '../src/issues/domain/issue-upcasters';
import { rebuildProjections } from '../src/projections-runner/rebuild';
import type { HttpClient } from './http-client';
import { msSince, perSecond, tick } from './stats';

interface Health {
  eventStore: { headPosition: number | null };
  projections: { position: number; lag: number | null; lastError: string | null };
}

export interface CatchUp {
  /** Milliseconds from the call (right after the load's last answer) until lag 0. */
  ms: number;
  lagAtStart: number;
  headPosition: number;
}

export interface RebuildResult {
  events: number;
  position: number;
  elapsedMs: number;
  eventsPerSecond: number;
  projections: string[];
}

const CATCH_UP_TIMEOUT_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(client: HttpClient): Promise<Health> {
  const { body } = await client.get<Health>('/health');
  if (body.projections.lastError) throw new Error(`projections are failing: ${body.projections.lastError}`);
  return body;
}

/** Polls /health every few ms until the projections have applied everything in the log. */
export async function waitForCatchUp(client: HttpClient, timeoutMs = CATCH_UP_TIMEOUT_MS): Promise<CatchUp> {
  const started = tick();
  const first = await health(client);
  let current = first;
  while (current.projections.lag !== 0) {
    if (msSince(started) > timeoutMs) {
      throw new Error(`projections still ${current.projections.lag} events behind after ${timeoutMs} ms`);
    }
    await sleep(5);
    current = await health(client);
  }
  return {
    ms: Math.round(msSince(started) * 10) / 10,
    lagAtStart: first.projections.lag ?? -1,
    headPosition: current.eventStore.headPosition ?? -1,
  };
}

/** Samples the lag /health reports while a load runs; `stop` answers the highest seen. */
export function sampleLag(client: HttpClient, everyMs: number): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await sleep(everyMs);
      if (!running) break;
      const h = await health(client);
      max = Math.max(max, h.projections.lag ?? 0);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return max;
    },
  };
}

/**
 * Throws every read model away and replays the whole log into it, as
 * `npm run projections:rebuild` does, on the stores `config` names. The engine must be stopped first.
 */
export async function benchRebuild(config: AppConfig): Promise<RebuildResult> {
  const events = await openEventStore(config);
  const readStore = await openReadStore(config).catch(async (error: unknown) => {
    await events.close();
    throw error;
  });
  try {
    const started = tick();
    const { position, events: count } = await rebuildProjections(
      events,
      readStore,
      allProjections,
      upcastIssueEvent,
    );
    const elapsedMs = msSince(started);
    return {
      events: count,
      position,
      elapsedMs: Math.round(elapsedMs),
      eventsPerSecond: perSecond(count, elapsedMs),
      projections: allProjections.map((p) => p.name),
    };
  } finally {
    await readStore.close();
    await events.close();
  }
}
