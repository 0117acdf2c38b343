import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  escalationDeadlinesProjection,
  evolveDeadlineDoc,
  pendingDeadlines,
  type DeadlineDoc,
} from '../../projections/escalation-deadlines';
import { systemClock } from '../../src/clock/clock';
import type { StoredEvent } from '../../src/event-store/event-store';
import type { WorkingCalendar } from '../../src/escalation/calendar/working-calendar';
import type { EscalationPolicy } from '../../src/escalation/policy/escalation-policy';
import { CheckQueue, createCheckQueue } from '../../src/escalation/queue/check-queue';
import { connectionFrom } from '../../src/escalation/queue/queue-names';
import { Reconciler, type ReconcilerState } from '../../src/escalation/queue/reconciler';
import { issueStreamId, schemaVersionOf, type IssueEvent } from '../../src/issues/domain/issue-events';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { log } from '../run-store';
import { msSince, tick } from '../stats';
import { freshTempDir } from '../temp-dir';
import { issueEvents } from './bench-issue';
import { unlinkKeys, usedMemory } from './redis-memory';

const DAY = 86_400_000;
/** Far out, like the seed's: nothing falls due during the run. */
const DUE_IN_MS = 30 * DAY;
/** Documents per read-store transaction while seeding. */
const SEED_BATCH = 5000;
/** Bare jobs of the baseline: enough for a steady per-job figure, few enough to be quick. */
const BARE_JOBS_MAX = 100_000;

/** The reconciler and Redis at one size of the deadlines read model. */
export interface BareJobResult {
  jobs: number;
  bytesPerJob: number;
}

export interface ReconcileScaleRun {
  pendingIssues: number;
  seedMs: number;
  /** A bare BullMQ delayed job (no data, no options but the delay, auto id): the baseline, same run. */
  bareJob: BareJobResult;
  /** The engine's check jobs, added by the reconciler's first pass into an empty queue. */
  checks: { jobs: number; bytesPerJob: number; bytesPerIssue: number; ratioToBareJob: number };
  /** Reading the pending documents alone, page by page, as the reconciler reads them: the floor of a pass. */
  scan: { ms: number; usPerIssue: number };
  /** A pass into an empty queue (a flushed Redis): every job re-added. */
  afterLoss: { ms: number; usPerIssue: number; added: number };
  /** A pass with every job in Redis: the periodic cost of the safety net (cpu: this process's CPU time). */
  nothingMissing: {
    ms: number;
    usPerIssue: number;
    cpuUsPerIssue: number;
    added: number;
    ratioToScan: number;
  };
  /** The pass projected to 1,000,000 pending issues at this size's cost per issue. */
  projectedSecondsAt1M: number;
}

const us = (ms: number, n: number): number => Math.round((ms * 1000 * 100) / Math.max(1, n)) / 100;

/**
 * The reconciler over `size` pending issues, without the rest of the engine: the deadlines
 * read model is written straight into an SQLite read store (documents folded by the
 * projection's own `evolveDeadlineDoc` from the bench issues' events, as the projector would),
 * and the reconciler, the check queue and the policy are the engine's. Seeding this way takes
 * seconds per 100,000 issues where the real path (append, project, schedule) takes minutes, so
 * the pass can be measured at a million. The bare-job baseline runs in the same Redis first.
 */
export async function measureReconcileAtScale(
  redisUrl: string,
  prefix: string,
  size: number,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
): Promise<ReconcileScaleRun> {
  const temp = freshTempDir('escalation-scale');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const readStore = SqliteReadStore.open(path.join(temp.dir, 'read-models.db'));
  let queue: Queue | null = null;
  try {
    const bareJob = await measureBareJobs(redis, redisUrl, `${prefix}-bare`, Math.min(size, BARE_JOBS_MAX));

    log(`  writing ${size} pending issues into the deadlines read model…`);
    const seedStarted = tick();
    await seedDeadlines(readStore, size);
    const seedMs = msSince(seedStarted);

    log('  scanning the read model alone…');
    const scanStarted = tick();
    let scanned = 0;
    for await (const page of pendingDeadlines(readStore)) scanned += page.length;
    const scanMs = msSince(scanStarted);
    if (scanned !== size) throw new Error(`the read model holds ${scanned} pending issues, not ${size}`);

    await redis.ping();
    const checkQueue = createCheckQueue(connectionFrom(redisUrl), prefix);
    queue = checkQueue;
    const reconciler = new Reconciler(
      readStore,
      policy,
      calendar,
      new CheckQueue(checkQueue, redis, systemClock),
      systemClock,
      DAY,
    );
    const before = await usedMemory(redis);
    log('  reconciling into an empty queue (a lost Redis)…');
    const afterLoss = await timedPass(reconciler);
    const jobs = await checkQueue.getDelayedCount();
    const bytes = (await usedMemory(redis)) - before;
    log(`  ${jobs} jobs re-added; reconciling with nothing missing…`);
    const nothingMissing = await timedPass(reconciler);
    const bytesPerJob = Math.round(bytes / Math.max(1, jobs));
    log(
      `  ${size} issues: ${bytesPerJob} B/job (bare ${bareJob.bytesPerJob}), pass ${Math.round(nothingMissing.ms)} ms`,
    );
    return {
      pendingIssues: size,
      seedMs: Math.round(seedMs),
      bareJob,
      checks: {
        jobs,
        bytesPerJob,
        bytesPerIssue: Math.round(bytes / size),
        ratioToBareJob: Math.round((bytesPerJob / bareJob.bytesPerJob) * 100) / 100,
      },
      scan: { ms: Math.round(scanMs), usPerIssue: us(scanMs, size) },
      afterLoss: { ms: Math.round(afterLoss.ms), usPerIssue: us(afterLoss.ms, size), added: afterLoss.added },
      nothingMissing: {
        ms: Math.round(nothingMissing.ms),
        usPerIssue: us(nothingMissing.ms, size),
        cpuUsPerIssue: us(nothingMissing.cpuMs, size),
        added: nothingMissing.added,
        ratioToScan: Math.round((nothingMissing.ms / scanMs) * 100) / 100,
      },
      projectedSecondsAt1M: Math.round((nothingMissing.ms / size) * 1_000_000) / 1000,
    };
  } finally {
    await queue?.close();
    await unlinkKeys(redis, `${prefix}:*`);
    redis.disconnect();
    await readStore.close();
    temp.remove();
  }
}

async function timedPass(reconciler: Reconciler): Promise<{ ms: number; cpuMs: number; added: number }> {
  const started = tick();
  const cpu = process.cpuUsage();
  await reconciler.run();
  const ms = msSince(started);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const state: ReconcilerState = reconciler.state();
  if (state.lastError) throw new Error(`the reconciliation pass failed: ${state.lastError}`);
  return { ms, cpuMs, added: state.checksAdded };
}

/** `used_memory` per bare delayed job: `data` {}, no options but the delay, BullMQ's own ids. */
export async function measureBareJobs(
  redis: Redis,
  redisUrl: string,
  prefix: string,
  jobs: number,
): Promise<BareJobResult> {
  const queue = new Queue('bare', { connection: connectionFrom(redisUrl), prefix });
  try {
    await queue.add('warm-up', {}, { delay: DUE_IN_MS });
    const before = await usedMemory(redis);
    for (let i = 0; i < jobs; i += 1000) {
      const bulk = Array.from({ length: Math.min(1000, jobs - i) }, () => ({
        name: 'bare',
        data: {},
        opts: { delay: DUE_IN_MS },
      }));
      await queue.addBulk(bulk);
    }
    const bytes = (await usedMemory(redis)) - before;
    return { jobs, bytesPerJob: Math.round(bytes / jobs) };
  } finally {
    await queue.close();
    await unlinkKeys(redis, `${prefix}:*`);
  }
}

/** Writes `size` pending issues' documents, each one item due in 30 days, in batches. */
async function seedDeadlines(readStore: SqliteReadStore, size: number): Promise<void> {
  await readStore.ensureCollections(escalationDeadlinesProjection.collections);
  const now = new Date();
  const dueAt = new Date(now.getTime() + DUE_IN_MS);
  const recordedAt = now.toISOString();
  let position = 0;
  for (let batch = 0; batch * SEED_BATCH < size; batch++) {
    const docs: DeadlineDoc[] = [];
    for (let i = batch * SEED_BATCH; i < Math.min(size, (batch + 1) * SEED_BATCH); i++) {
      const { issue, reported, assigned } = issueEvents(i, now, dueAt);
      let doc: DeadlineDoc | null = null;
      for (const [revision, event] of [reported, assigned].entries())
        doc = evolveDeadlineDoc(doc, stored(issue.issueId, event, revision, ++position, recordedAt));
      docs.push(doc!);
    }
    await readStore.applyBatch('bench-seed', { from: batch, to: batch + 1 }, async (writer) => {
      for (const doc of docs) await writer.put('escalation_deadlines', doc.id, doc);
    });
    if ((batch + 1) % 40 === 0) log(`    ${(batch + 1) * SEED_BATCH} / ${size}`);
  }
}

const stored = (
  issueId: string,
  event: IssueEvent,
  revision: number,
  position: number,
  recordedAt: string,
): StoredEvent => ({
  id: randomUUID(),
  type: event.type,
  data: event.data,
  metadata: {
    correlationId: randomUUID(),
    causationId: null,
    actor: 'bench',
    occurredAt: event.data.occurredAt,
    schemaVersion: schemaVersionOf(event.type),
  },
  streamId: issueStreamId(issueId),
  revision,
  position,
  recordedAt,
});
