import { ms, n, table, type Row } from '../report-table';
import type { ReconcilePass } from './reconcile-timing';
import type { EscalationBenchResults } from './results';

const mb = (bytes: number): string => `${n(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
const yesNo = (ok: boolean): string => (ok ? 'yes' : 'NO');

/** The human-readable table of one escalation benchmark run. */
export function formatEscalationReport(r: EscalationBenchResults): string {
  const m = r.meta;
  const sections: string[] = [
    `Escalation benchmark — ${m.startedAt}`,
    `CPU ${m.cpu} × ${m.cores} · Node ${m.node} · ${m.platform} · Redis ${m.redisVersion} (hz ${m.redisHz ?? 'unknown'}) · total ${n(m.totalSeconds)} s`,
    `engine in-process on ${m.stores}, policy "${m.policy.name}", queue prefix ${m.queuePrefix} (deleted afterwards)`,
    ...engineSections(r),
    ...(r.scale.length > 0 ? [scaleSection(r)] : []),
  ];
  return sections.join('\n') + '\n';
}

/** Sections 1–3, when they ran. */
function engineSections(r: EscalationBenchResults): string[] {
  const { meta: m, seed: s, dueLatency: d, reconcile: c, bareJob } = r;
  if (!s || !d || !c || !bareJob) return [];
  const l = d.latency;
  const exactlyOnce = d.escalated === d.dueIssues && d.duplicateLevel1 === 0 && d.duplicateAnyLevel === 0;
  return [
    table(
      `1. ${n(s.issues)} pending issues (item due in 30 days), through the scheduler reactor`,
      ['result'],
      [
        [
          'pending checks (delayed jobs)',
          `${n(s.pendingChecks)} (${n(s.checksPerIssue)} per issue: one job per open deadline, for its warning and then its levels)`,
        ],
        [
          'events appended (one block)',
          `${n(s.events)} in ${ms(s.appendMs)} (${n(s.appendEventsPerSecond)} events/s)`,
        ],
        [
          'scheduling, last append → all queued',
          `${ms(s.scheduleMs)} → ${n(s.scheduleChecksPerSecond)} checks/s`,
        ],
        [
          '  projections catching up',
          `${ms(s.projectionsMs)}, sharing the event loop: ${n(s.checksDuringProjections)} checks queued meanwhile`,
        ],
        ['  scheduler alone after that', `${n(s.schedulerOwnChecksPerSecond)} checks/s`],
        ['Redis used_memory', `${mb(s.redis.usedMemoryBefore)} → ${mb(s.redis.usedMemoryAfter)}`],
        [
          '  per pending check',
          `${n(s.redis.bytesPerCheck)} bytes (used_memory delta / checks; other clients of this Redis count too); ${n(s.redis.bytesPerIssue)} per issue`,
        ],
        [
          '  a bare BullMQ delayed job',
          `${n(bareJob.bytesPerJob)} bytes (${n(bareJob.jobs)} jobs, same run) → ${n(r.bytesRatioToBareJob ?? 0)}× per pending issue`,
        ],
        [
          '  check-queue keys alone',
          `${n(s.redis.queueKeys)} keys, ${mb(s.redis.queueKeyBytes)} → ${n(s.redis.queueBytesPerCheck)} bytes per check (MEMORY USAGE)`,
        ],
      ],
    ),
    table(
      `2. Due-to-escalation latency, ${n(d.pendingChecksMeanwhile)} checks pending (event store writes, due ${d.dueWindowS[0]}–${d.dueWindowS[1]} s out)`,
      ['result'],
      [
        ['issues falling due', n(d.dueIssues)],
        ['escalated to level 1', `${n(d.escalated)} / ${n(d.dueIssues)}`],
        ['issues with two level-1 escalations', n(d.duplicateLevel1)],
        [
          'exactly once (all levels)',
          `${yesNo(exactlyOnce)} (${n(d.duplicateAnyLevel)} duplicate issue/level pairs)`,
        ],
        [
          'latency (recordedAt − runAt)',
          `p50 ${ms(l.p50Ms)} · p90 ${ms(l.p90Ms)} · p99 ${ms(l.p99Ms)} · max ${ms(l.maxMs)}`,
        ],
        ['  mean', ms(l.meanMs)],
        [
          '  Redis hz',
          `a worker waiting for a delayed check wakes on Redis's hz tick: up to ${m.redisHz ? n(1000 / m.redisHz) : '1000/hz'} ms late`,
        ],
        [
          'meanwhile',
          `${n(d.warnings)} warnings; levels reached 1: ${n(d.reachedLevel[1])}, 2: ${n(d.reachedLevel[2])}, 3: ${n(d.reachedLevel[3])}`,
        ],
      ],
    ),
    table(
      '3. Reconciler (deadlines read model → missing checks)',
      ['result'],
      [
        ...passRows('pass, nothing missing', c.nothingMissing),
        [
          'simulated Redis loss',
          `UNLINK ${n(c.keysDeleted)} check-queue keys: ${n(c.delayedBeforeLoss)} → ${n(c.delayedAfterLoss)} delayed`,
        ],
        ...passRows('pass, re-adding all', c.afterLoss),
        [
          '  delayed after re-add',
          `${n(c.delayedAfterReAdd)} (${yesNo(c.delayedAfterReAdd === c.delayedBeforeLoss)} all back)`,
        ],
      ],
    ),
  ];
}

/** Section 4. */
function scaleSection(r: EscalationBenchResults): string {
  return table(
    '4. Reconciler and Redis at scale (the deadlines read model written directly, no engine)',
    r.scale.map((x) => `${n(x.pendingIssues)} pending`),
    [
      ['bare BullMQ delayed job', ...r.scale.map((x) => `${n(x.bareJob.bytesPerJob)} B`)],
      [
        'check job (used_memory delta / jobs)',
        ...r.scale.map((x) => `${n(x.checks.bytesPerJob)} B = ${n(x.checks.ratioToBareJob)}× bare`),
      ],
      ['read-model scan alone', ...r.scale.map((x) => `${ms(x.scan.ms)} (${n(x.scan.usPerIssue)} µs/issue)`)],
      [
        'pass, nothing missing',
        ...r.scale.map(
          (x) =>
            `${ms(x.nothingMissing.ms)} (${n(x.nothingMissing.usPerIssue)} µs/issue, CPU ${n(x.nothingMissing.cpuUsPerIssue)} µs; ${n(x.nothingMissing.ratioToScan)}× the scan)`,
        ),
      ],
      ['  at 1,000,000 (projected)', ...r.scale.map((x) => `${n(x.projectedSecondsAt1M)} s`)],
      [
        'pass into an empty Redis',
        ...r.scale.map(
          (x) =>
            `${ms(x.afterLoss.ms)} (${n(x.afterLoss.usPerIssue)} µs/issue, ${n(x.afterLoss.added)} added)`,
        ),
      ],
    ],
  );
}

function passRows(label: string, p: ReconcilePass): Row[] {
  return [
    [label, `${ms(p.elapsedMs)} (${n(p.issuesPerSecond)} issues/s)`],
    ['  issues, checks needed, added', `${n(p.issuesScanned)}, ${n(p.checksNeeded)}, ${n(p.checksAdded)}`],
  ];
}
