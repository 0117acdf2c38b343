import { waitForCatchUp } from '../projection-lag';
import type { HttpClient } from '../http-client';
import { round, summarize, type LatencySummary } from '../stats';
import type { CommandPathConfig } from './config';

export interface LongIssueHttpResult {
  longEvents: number;
  /** A meeting on the long issue. */
  long: LatencySummary;
  /** The same meeting on an issue reported just before it. */
  fresh: LatencySummary;
  /** p50 long over p50 new. */
  ratio: number;
  seedMs: number;
}

const HOUR = 3_600_000;
const meeting = () => ({
  kind: 'site-coordination',
  heldAt: new Date(Date.now() - HOUR).toISOString(),
  convenedBy: '驻思明区工作组',
  attendees: ['思明区建设局', '各工地项目部'],
  decisions: ['分段包干'],
});
const report = (i: number) => ({
  title: `思明区第${i + 1}号工地共用道路破损`,
  category: 'on-site-rectification',
  severity: 'high',
  district: 'siming',
  source: 'inspection',
  reportedBy: '驻思明区工作组',
});

const BLOCK = 10;

/**
 * `POST /issues/:id/meetings` through the real HTTP stack on an issue of `longEvents` events
 * against the same command on issues reported beforehand (one event each), back to back at
 * concurrency 1 in alternating blocks of ten, so each series carries the engine's own work
 * beside it (projections, the escalation scheduler) for its kind of issue, and machine load
 * falls on both alike.
 */
export async function benchLongIssueHttp(
  client: HttpClient,
  config: CommandPathConfig,
): Promise<LongIssueHttpResult> {
  const started = Date.now();
  const longId = (await client.post<{ issueId: string }>('/issues', report(0))).body.issueId;
  for (let i = 1; i < config.longEvents; i++) await client.post(`/issues/${longId}/meetings`, meeting());
  const freshIds: string[] = [];
  for (let i = 0; i < config.samples; i++) {
    freshIds.push((await client.post<{ issueId: string }>('/issues', report(i + 1))).body.issueId);
  }
  await waitForCatchUp(client);
  const seedMs = Date.now() - started;

  const long: number[] = [];
  const fresh: number[] = [];
  for (let block = 0; long.length < config.samples || fresh.length < config.samples; block++) {
    const onLong = block % 2 === 0;
    const into = onLong ? long : fresh;
    for (let i = 0; i < BLOCK && into.length < config.samples; i++) {
      const id = onLong ? longId : freshIds[into.length];
      into.push((await client.post(`/issues/${id}/meetings`, meeting())).ms);
    }
    await waitForCatchUp(client);
  }
  const result = { long: summarize(long), fresh: summarize(fresh) };
  return {
    longEvents: config.longEvents,
    ...result,
    ratio: round(result.long.p50Ms / result.fresh.p50Ms, 2),
    seedMs,
  };
}
