import 'reflect-metadata';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { jobTime, type CheckJobData } from '../../src/escalation/queue/deadline-jobs';
import type { WorkingCalendar } from '../../src/escalation/calendar/working-calendar';
import { EscalationStatus } from '../../src/escalation/escalation-status';
import {
  ESCALATION_POLICY,
  WORKING_CALENDAR,
  type EscalationPolicy,
} from '../../src/escalation/policy/escalation-policy';
import { Reconciler } from '../../src/escalation/queue/reconciler';
import { QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store';
import { ProjectionsService } from '../../src/projections-runner/projections.service';
import { freshTempDir } from '../temp-dir';

/** The project root, found from this file (dist/bench/escalation/), so the run works from any folder. */
const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The shipped fast policy: level 1 at the due time, level 2 two seconds later, level 3 four; warnings at 75%. */
export const BENCH_POLICY_FILE = path.join(ROOT, 'config', 'escalation-policy.fast.yaml');

/** The whole engine in this process, on SQLite in a temp folder and its own Redis key prefix. */
export interface BenchEngine {
  app: NestFastifyApplication;
  config: AppConfig;
  prefix: string;
  escalation: EscalationStatus;
  policy: EscalationPolicy;
  calendar: WorkingCalendar;
  /** The engine's reconciler, for passes the benchmark times itself. */
  reconciler: Reconciler;
  eventStore: EventStore;
  projections: ProjectionsService;
  /** The engine's own check queue (not a second client), for its job counts. */
  checkQueue: Queue<CheckJobData>;
  /** Closes the engine and deletes its temp folder (Redis keys are the caller's: see redis-memory.ts). */
  stop(): Promise<void>;
}

/** Starts the engine; `prefix` must be fresh (the caller deletes its keys afterwards). */
export async function startBenchEngine(redisUrl: string, prefix: string): Promise<BenchEngine> {
  const temp = freshTempDir('escalation');
  // Only these variables reach the engine, so a PORT, DATA_DIR or policy in the shell cannot
  // change what is measured. The periodic reconciler is pushed out of the way (a day): the
  // benchmark runs its passes itself, and a pass in the middle of seeding would skew both.
  const env = {
    EVENT_STORE: 'sqlite',
    READ_STORE: 'sqlite',
    DATA_DIR: temp.dir,
    LOG_LEVEL: 'silent',
    GROUPS_FILE: path.join(ROOT, 'config', 'work-groups.json'),
    ESCALATION_POLICY: BENCH_POLICY_FILE,
    REDIS_URL: redisUrl,
    ESCALATION_QUEUE_PREFIX: prefix,
    ESCALATION_RECONCILE_INTERVAL_MS: '86400000',
  };
  const config = { ...loadConfig(env), dataDir: temp.dir };
  let app: NestFastifyApplication;
  try {
    app = await createApp(config);
  } catch (error) {
    temp.remove();
    throw error;
  }
  const escalation = app.get(EscalationStatus);
  const checkQueue = escalation.queues().find((q) => q.name === QUEUE_NAMES.checks);
  if (!checkQueue) {
    await app.close();
    temp.remove();
    throw new Error(
      'the engine started without its escalation check queue (EscalationStatus.queues() lists none); this benchmark needs automatic escalation running',
    );
  }
  return {
    app,
    config,
    prefix,
    escalation,
    policy: app.get<symbol, EscalationPolicy>(ESCALATION_POLICY),
    calendar: app.get<symbol, WorkingCalendar>(WORKING_CALENDAR),
    reconciler: app.get(Reconciler),
    eventStore: app.get<symbol, EventStore>(EVENT_STORE),
    projections: app.get(ProjectionsService),
    checkQueue: checkQueue as Queue<CheckJobData>,
    async stop() {
      try {
        await app.close();
      } finally {
        temp.remove();
      }
    },
  };
}

/** The scheduler reactor's checkpoint: every event up to it has had its checks queued. */
export async function schedulerPosition(engine: BenchEngine): Promise<number> {
  const health = await engine.escalation.health();
  return (health.scheduler as { position: number } | undefined)?.position ?? 0;
}

/**
 * Whether the check worker has nothing to do now or within `horizonMs`: nothing waiting or
 * running, and the earliest delayed check further out than that.
 */
export async function checksQuiet(engine: BenchEngine, horizonMs: number): Promise<boolean> {
  const queue = engine.checkQueue;
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
  if ((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) > 0) return false;
  const [earliest] = await queue.getJobs('delayed', 0, 0, true);
  return !earliest || jobTime(earliest) > Date.now() + horizonMs;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `done` every `everyMs` until it answers true; past `timeoutMs` throws `what` so a stuck
 * engine fails the run with a reason instead of hanging it.
 */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  done: () => Promise<boolean>,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(everyMs);
  }
}
