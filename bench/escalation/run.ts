import * as fs from 'node:fs';
import * as path from 'node:path';
import { machineMeta } from '../machine';
import { Redis } from 'ioredis';
import { log } from '../run-store';
import { msSince, tick } from '../stats';
import { redact } from '../store-setup';
import { BENCH_POLICY_FILE, startBenchEngine, waitUntil, type BenchEngine } from './bench-engine';
import { measureDueLatency } from './due-latency';
import { loadEscalationBenchConfig } from './escalation-bench-config';
import { measureReconcile } from './reconcile-timing';
import { unlinkKeys } from './redis-memory';
import { formatEscalationReport } from './report';
import type { EscalationBenchResults } from './results';
import { seedPending } from './seed-pending';
import { measureBareJobs, measureReconcileAtScale, type ReconcileScaleRun } from './reconcile-scale';
import type { EscalationPolicy } from '../../src/escalation/policy/escalation-policy';
import type { WorkingCalendar } from '../../src/escalation/calendar/working-calendar';
import { loadRules } from '../../src/escalation/rules/rules-snapshot';

/** Bare jobs of the memory baseline. */
const BARE_JOBS = 50_000;

/**
 * `npm run bench:escalation`: automatic escalation at scale on this machine. A real engine
 * (createApp, SQLite in a temp folder, its own Redis key prefix) gets BENCH_ESCALATION_PENDING
 * issues whose checks sit delayed, then BENCH_ESCALATION_DUE issues falling due within
 * seconds; it measures scheduling, Redis memory per pending check, due-to-escalation latency
 * and the reconciler. Prints a table and writes bench/results/escalation-latest.json. Every
 * key under the prefix is deleted at the end (never FLUSHALL: the Redis may be shared).
 */
const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'bench', 'results');
const CATCH_UP_TIMEOUT_MS = 15 * 60_000;

/**
 * Redis's `hz`: it notices a blocked worker's timeout (the wake-up for a delayed check) only on
 * its next tick, so hz bounds the escalation latency (hz 10: up to 100 ms). Null where CONFIG
 * is not allowed (managed Redis).
 */
async function redisHz(redis: Redis): Promise<number | null> {
  try {
    const [, value] = (await redis.config('GET', 'hz')) as string[];
    return value === undefined ? null : Number(value);
  } catch {
    return null;
  }
}

async function connectRedis(url: string): Promise<{ redis: Redis; version: string }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5000, lazyConnect: true });
  redis.on('error', () => undefined); // the failed command below carries the reason
  try {
    await redis.connect();
    const version = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? 'unknown';
    return { redis, version };
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at REDIS_URL (${redact(url)}): ${(error as Error).message}. ` +
        'Start one (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no) or point REDIS_URL at yours.',
      { cause: error },
    );
  }
}

/** Waits until the projections (the reconciler's deadlines read model among them) have applied the whole log. */
async function projectionsCaughtUp(engine: BenchEngine): Promise<void> {
  const head = await engine.eventStore.headPosition();
  await waitUntil(
    'the projections reaching the head of the log',
    CATCH_UP_TIMEOUT_MS,
    async () => {
      const error = engine.projections.error();
      if (error) throw new Error(`the projections are failing: ${error}`);
      return engine.projections.position() >= head;
    },
    100,
  );
}

/** The engine's policy and calendar (the fast policy, the package's calendar), for section 4 alone. */
function benchRules(): { policy: EscalationPolicy; calendar: WorkingCalendar } {
  const rules = loadRules({
    policyFile: BENCH_POLICY_FILE,
    calendar: { holidaysFile: null, uncoveredYears: 'refuse' },
  });
  return {
    policy: { ...rules.policy, version: rules.policyVersion },
    calendar: rules.calendar,
  };
}

async function main(): Promise<void> {
  const config = loadEscalationBenchConfig();
  const started = tick();
  const startedAt = new Date().toISOString();
  const { redis, version } = await connectRedis(config.redisUrl);
  const hz = await redisHz(redis);
  const prefix = `bench-escalation-${process.pid}-${Date.now().toString(36)}`;
  let engine: BenchEngine | null = null;
  let cleaning: Promise<number> | null = null;
  /** Stops the engine and deletes every key under the prefix; once, whoever asks first. */
  const cleanUp = (): Promise<number> =>
    (cleaning ??= (async () => {
      log('stopping the engine and deleting its Redis keys…');
      await engine?.stop().catch((error: unknown) => log(`stopping the engine failed: ${String(error)}`));
      // The bare and scale runs use `<prefix>-bare` and `<prefix>-scale`: one pattern for all.
      return unlinkKeys(redis, `${prefix}*`);
    })().finally(() => redis.disconnect()));
  // A Ctrl-C mid-run must not leave a few hundred MB of jobs in a Redis others may share.
  // (The engine's own shutdown hooks run too and raise the signal again: that lands here, once.)
  const onSignal = (): void => {
    log('interrupted: cleaning up…');
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let measured: Omit<EscalationBenchResults, 'meta' | 'keysCleanedUp'>;
  let policy: EscalationBenchResults['meta']['policy'] & { loaded: EscalationPolicy };
  let keysCleanedUp: number;
  try {
    let calendar: WorkingCalendar;
    let engineResults: Omit<EscalationBenchResults, 'meta' | 'keysCleanedUp' | 'scale'> = {};
    if (config.sections.engine) {
      log(
        `starting the engine (SQLite in a temp folder, Redis ${redact(config.redisUrl)}, queue prefix ${prefix})…`,
      );
      log('measuring a bare BullMQ delayed job (the memory baseline)…');
      const bareJob = await measureBareJobs(redis, config.redisUrl, `${prefix}-bare`, BARE_JOBS);
      engine = await startBenchEngine(config.redisUrl, prefix);
      policy = {
        name: engine.policy.name,
        source: path.relative(process.cwd(), engine.policy.source),
        loaded: engine.policy,
      };
      calendar = engine.calendar;
      log(`seeding ${config.pendingIssues} pending issues…`);
      const seed = await seedPending(engine, redis, config.pendingIssues);
      log('measuring due-to-escalation latency…');
      const dueLatency = await measureDueLatency(engine, config);
      // The reconciler reads the deadlines read model: it must hold the due issues too.
      await projectionsCaughtUp(engine);
      log('timing the reconciler…');
      const reconcile = await measureReconcile(engine, redis);
      // The scale runs need neither the engine nor its memory: stop it first.
      await engine.stop();
      engine = null;
      const bytesRatioToBareJob = Math.round((seed.redis.bytesPerIssue / bareJob.bytesPerJob) * 100) / 100;
      engineResults = { seed, dueLatency, reconcile, bareJob, bytesRatioToBareJob };
    } else {
      // No engine: the same policy and calendar files, read as the engine reads them at start.
      const rules = benchRules();
      policy = {
        name: rules.policy.name,
        source: path.relative(process.cwd(), rules.policy.source),
        loaded: rules.policy,
      };
      calendar = rules.calendar;
    }
    const scale: ReconcileScaleRun[] = [];
    for (const size of config.sections.scale ? config.scaleSizes : []) {
      log(`reconciler and Redis memory at ${size} pending issues…`);
      scale.push(
        await measureReconcileAtScale(config.redisUrl, `${prefix}-scale`, size, policy.loaded, calendar),
      );
    }
    measured = { ...engineResults, scale };
  } finally {
    keysCleanedUp = await cleanUp();
  }

  const results: EscalationBenchResults = {
    meta: {
      startedAt,
      totalSeconds: Math.round(msSince(started) / 100) / 10,
      ...machineMeta(),
      redisVersion: version,
      redisHz: hz,
      redisUrl: redact(config.redisUrl),
      queuePrefix: prefix,
      policy: { name: policy.name, source: policy.source },
      stores: config.sections.engine
        ? 'SQLite (event store and read models)'
        : 'SQLite (the deadlines read model only: section 4, no engine)',
    },
    ...measured,
    keysCleanedUp,
  };
  process.stdout.write(formatEscalationReport(results));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'escalation-latest.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(
    `results written to ${path.relative(process.cwd(), file) || file}; ${keysCleanedUp} Redis keys deleted`,
  );

  const d = results.dueLatency;
  if (d && (d.escalated !== d.dueIssues || d.duplicateLevel1 > 0 || d.duplicateAnyLevel > 0)) {
    throw new Error(
      `escalation was not exactly once: ${d.escalated} of ${d.dueIssues} escalated, ${d.duplicateLevel1} issues with two level-1 escalations`,
    );
  }
  const c = results.reconcile;
  if (c && c.delayedAfterReAdd !== c.delayedBeforeLoss) {
    throw new Error(
      `the reconciler did not restore the lost checks: ${c.delayedBeforeLoss} delayed before the loss, ${c.delayedAfterReAdd} after the re-add`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(
    `escalation benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
