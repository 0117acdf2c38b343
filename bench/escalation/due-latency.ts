import type { StoredEvent } from '../../src/event-store/event-store';
import { firingTime } from '../../src/escalation/checks/pending-checks';
import type { IssueEscalated } from '../../src/issues/domain/issue-events';
import { log } from '../run-store';
import { percentile, round } from '../stats';
import { checksQuiet, waitUntil, type BenchEngine } from './bench-engine';
import { appendIssue } from './bench-issue';
import type { EscalationBenchConfig } from './escalation-bench-config';

/** Past the last firing time, how long the run waits for stragglers before it gives up. */
const GRACE_MS = 60_000;

export interface LatencyFigures {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface DueLatencyResult {
  /** Issues written to fall due, their due times spread over dueWindowS from the write. */
  dueIssues: number;
  dueWindowS: [number, number];
  /** Delayed checks already in the queue while these fired. */
  pendingChecksMeanwhile: number;
  /** Issues with a level-1 escalation, and issues with more than one (must be 0). */
  escalated: number;
  duplicateLevel1: number;
  /** Same issue and level escalated twice, at any level (must be 0). */
  duplicateAnyLevel: number;
  /** Level-1 recordedAt − the policy's firing time (the check's runAt), per issue. */
  latency: LatencyFigures;
  /** What else the fast policy did to these issues meanwhile: warnings and the higher levels. */
  warnings: number;
  reachedLevel: Record<1 | 2 | 3, number>;
}

interface Expected {
  runAtMs: number;
}

/**
 * Due-to-escalation latency with the pending checks in place. The due issues are written
 * straight to the event store (the same path as the seed: not HTTP, so no request handling
 * shares the engine's event loop while it escalates), each due at its own time in the window.
 * Latency is measured against the policy's firing time of level 1, computed with the engine's
 * own policy and calendar, and read back from the log (readAll), never from the queue.
 */
export async function measureDueLatency(
  engine: BenchEngine,
  config: EscalationBenchConfig,
): Promise<DueLatencyResult> {
  const { policy, calendar } = engine;
  const store = engine.eventStore;
  const pendingChecks = await engine.checkQueue.getDelayedCount();
  const startPosition = await store.headPosition();
  const writtenAt = Date.now();
  const expected = new Map<string, Expected>();
  for (let i = 0; i < config.dueIssues; i++) {
    const dueAt = new Date(
      writtenAt + config.dueFromMs + Math.floor((i * config.dueSpreadMs) / config.dueIssues),
    );
    const issue = await appendIssue(store, i, new Date(writtenAt), dueAt);
    const runAt = firingTime(issue.dueAt, policy.ruleFor(issue.category, issue.severity), 1, calendar);
    expected.set(issue.issueId, { runAtMs: runAt.getTime() });
  }
  const lastRunAt = Math.max(...[...expected.values()].map((e) => e.runAtMs));
  log(
    `  wrote ${config.dueIssues} issues falling due ${config.dueFromMs / 1000}–${(config.dueFromMs + config.dueSpreadMs) / 1000} s from now; waiting for their escalations…`,
  );

  const escalations: StoredEvent[] = [];
  let warnings = 0;
  let position = startPosition;
  const level1 = new Set<string>();
  const readNew = async (): Promise<void> => {
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: 1000 });
      if (page.length === 0) return;
      position = page[page.length - 1].position;
      for (const event of page) {
        const issueId = (event.data as { issueId?: string }).issueId ?? '';
        if (!expected.has(issueId)) continue;
        if (event.type === 'EscalationWarningIssued') warnings++;
        if (event.type !== 'IssueEscalated') continue;
        escalations.push(event);
        if ((event.data as IssueEscalated['data']).level === 1) level1.add(issueId);
      }
    }
  };
  let lastLogged = Date.now();
  await waitUntil('every due issue escalating to level 1', lastRunAt - Date.now() + GRACE_MS, async () => {
    await readNew();
    if (Date.now() - lastLogged > 3000) {
      lastLogged = Date.now();
      log(`  ${level1.size} / ${expected.size} escalated to level 1`);
    }
    return level1.size === expected.size;
  });
  // The higher levels follow seconds later under the fast policy: let them finish, so the
  // duplicate count covers them too and the reconciler timings after this run on a quiet engine.
  await waitUntil(
    'the check queue going quiet after the escalations',
    GRACE_MS,
    () => checksQuiet(engine, 30_000),
    500,
  );
  await readNew();
  log(`  all ${level1.size} escalated to level 1; queue quiet`);
  return summarise(expected, escalations, warnings, config, pendingChecks);
}

function summarise(
  expected: Map<string, Expected>,
  escalations: StoredEvent[],
  warnings: number,
  config: EscalationBenchConfig,
  pendingChecks: number,
): DueLatencyResult {
  const firstLevel1 = new Map<string, number>();
  const perLevel = new Map<string, number>();
  for (const event of escalations) {
    const data = event.data as IssueEscalated['data'];
    const key = `${data.issueId}/${data.level}`;
    perLevel.set(key, (perLevel.get(key) ?? 0) + 1);
    if (data.level === 1 && !firstLevel1.has(data.issueId))
      firstLevel1.set(data.issueId, Date.parse(event.recordedAt));
  }
  const timesOf = (level: number): number =>
    [...perLevel.keys()].filter((k) => k.endsWith(`/${level}`)).length;
  const samples = [...firstLevel1]
    .map(([issueId, recordedAt]) => recordedAt - expected.get(issueId)!.runAtMs)
    .sort((a, b) => a - b);
  const mean = samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length);
  return {
    dueIssues: expected.size,
    dueWindowS: [config.dueFromMs / 1000, (config.dueFromMs + config.dueSpreadMs) / 1000],
    pendingChecksMeanwhile: pendingChecks,
    escalated: firstLevel1.size,
    duplicateLevel1: [...perLevel].filter(([key, count]) => key.endsWith('/1') && count > 1).length,
    duplicateAnyLevel: [...perLevel.values()].filter((count) => count > 1).length,
    latency: {
      p50Ms: percentile(samples, 50),
      p90Ms: percentile(samples, 90),
      p99Ms: percentile(samples, 99),
      maxMs: samples[samples.length - 1] ?? Number.NaN,
      meanMs: round(mean, 1),
    },
    warnings,
    reachedLevel: { 1: timesOf(1), 2: timesOf(2), 3: timesOf(3) },
  };
}
