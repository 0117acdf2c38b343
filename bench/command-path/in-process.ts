import { randomUUID } from 'node:crypto';
import { AggregateCache } from '../../src/command-handling/aggregate-cache';
import { handleCommand } from '../../src/command-handling/handle-command';
import { openEventStore } from '../../src/config/open-stores';
import { decideIssue, type IssueCommand } from '../../src/issues/domain';
import { issueStreamId } from '../../src/issues/domain/issue-events';
import type { IssueState } from '../../src/issues/domain/issue-state';
import { issueStream } from '../../src/issues/issue-stream';
import { freshTarget } from '../store-setup';
import { round, summarize, tick, msSince, type LatencySummary } from '../stats';
import type { CommandPathConfig } from './config';

/** One series of timed commands on the command path alone (no HTTP, projections or reactors). */
export interface InProcessSeries {
  name: string;
  latency: LatencySummary;
}

export interface InProcessResult {
  longEvents: number;
  series: InProcessSeries[];
  /** p50 of a meeting on the long issue over p50 on a new one, with the cache. */
  ratioCached: number;
  /** The same without a cache: every command reads and folds its stream whole (the old path). */
  ratioUncached: number;
}

const HOUR = 3_600_000;

/** A command with its clock, as the HTTP edge builds it; every one carries an Idempotency-Key. */
const report = (issueId: string, now: Date): IssueCommand => ({
  type: 'ReportIssue',
  data: {
    issueId,
    title: '何厝片区共用道路破损',
    category: 'on-site-rectification',
    severity: 'high',
    district: 'siming',
    source: 'inspection',
    reportedBy: '驻思明区工作组',
  },
  metadata: { now, occurredAt: new Date(now.getTime() - 24 * HOUR) },
});
const meeting = (now: Date): IssueCommand => ({
  type: 'ConveneMeeting',
  data: {
    meetingId: randomUUID(),
    kind: 'site-coordination',
    heldAt: new Date(now.getTime() - HOUR),
    convenedBy: '驻思明区工作组',
    attendees: ['思明区建设局', '各工地项目部'],
    decisions: ['分段包干'],
  },
  metadata: { now, occurredAt: now },
});

/**
 * The command path by itself on the embedded store (the engine's own settings, a fresh temp
 * folder): a meeting on an issue of `longEvents` events against the same meeting on a new
 * issue, interleaved sample by sample, with the aggregate cache and without it.
 */
export async function benchInProcess(config: CommandPathConfig, keep: boolean): Promise<InProcessResult> {
  const target = freshTarget('sqlite', 'command-path', '');
  const store = await openEventStore(target.appConfig());
  try {
    const cache = new AggregateCache();
    const send = (issueId: string, command: IssueCommand, withCache: boolean) =>
      handleCommand(
        store,
        issueStreamId(issueId),
        issueStream,
        (state: IssueState) => decideIssue(command, state, issueId, {}),
        {
          actor: 'bench',
          correlationId: randomUUID(),
          causationId: null,
          idempotencyKey: randomUUID(),
          requestHash: randomUUID(),
        },
        withCache ? { cache } : {},
      );
    const seedLong = async (): Promise<string> => {
      const id = randomUUID();
      await send(id, report(id, new Date()), true);
      for (let i = 1; i < config.longEvents; i++) await send(id, meeting(new Date()), true);
      return id;
    };
    const longCached = await seedLong();
    const longUncached = await seedLong();
    const samples: Record<string, number[]> = {
      'long, cached': [],
      'new, cached': [],
      'long, no cache': [],
      'new, no cache': [],
    };
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const started = tick();
      await work();
      samples[name].push(msSince(started));
    };
    const onNew = (withCache: boolean) => async () => {
      const id = randomUUID();
      await send(id, report(id, new Date()), withCache);
      return () => send(id, meeting(new Date()), withCache);
    };
    for (let i = 0; i < config.samples; i++) {
      const freshCached = await onNew(true)();
      const freshUncached = await onNew(false)();
      const order: Array<[string, () => Promise<unknown>]> = [
        ['long, cached', () => send(longCached, meeting(new Date()), true)],
        ['new, cached', freshCached],
        ['long, no cache', () => send(longUncached, meeting(new Date()), false)],
        ['new, no cache', freshUncached],
      ];
      // Alternate the order so neither series always runs right after the other.
      for (const [name, work] of i % 2 === 0 ? order : [...order].reverse()) await timed(name, work);
    }
    const series = Object.entries(samples).map(([name, s]) => ({ name, latency: summarize(s) }));
    const p50 = (name: string) => series.find((s) => s.name === name)!.latency.p50Ms;
    return {
      longEvents: config.longEvents,
      series,
      ratioCached: round(p50('long, cached') / p50('new, cached'), 2),
      ratioUncached: round(p50('long, no cache') / p50('new, no cache'), 2),
    };
  } finally {
    await store.close();
    if (!keep) await target.remove();
  }
}
