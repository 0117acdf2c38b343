import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import { log } from '../run-store';
import { msSince, perSecond, tick } from '../stats';
import { schedulerPosition, waitUntil, type BenchEngine } from './bench-engine';
import { appendIssue } from './bench-issue';
import { keysMemory, usedMemory } from './redis-memory';

const DAY = 86_400_000;
/** Far enough out that nothing seeded escalates, or even warns (75% of 30 days), during the run. */
const PENDING_DUE_IN_MS = 30 * DAY;
const CATCH_UP_TIMEOUT_MS = 15 * 60_000;

export interface SeedResult {
  issues: number;
  /** Events appended (two per issue), and how fast the store took them. */
  events: number;
  appendMs: number;
  appendEventsPerSecond: number;
  /** Delayed jobs the scheduler added: the real number of pending checks. */
  pendingChecks: number;
  checksPerIssue: number;
  /** From the last append until the scheduler reactor's checkpoint reached it: the backlog drain. */
  scheduleMs: number;
  scheduleChecksPerSecond: number;
  /**
   * From the last append until the projections had applied the seed. They share the one event
   * loop with the scheduler, and their catch-up rarely yields it: the scheduler crawls meanwhile.
   */
  projectionsMs: number;
  /** Checks the scheduler had queued by the time the projections caught up. */
  checksDuringProjections: number;
  /** The scheduler's rate for the rest, with the event loop to itself. */
  schedulerOwnChecksPerSecond: number;
  redis: {
    usedMemoryBefore: number;
    usedMemoryAfter: number;
    /** (used_memory after − before) / pending checks (jobs: one per open deadline). */
    bytesPerCheck: number;
    /** (used_memory after − before) / pending issues. */
    bytesPerIssue: number;
    /** MEMORY USAGE of this run's check-queue keys, summed: the same figure, blind to other Redis users. */
    queueKeys: number;
    queueKeyBytes: number;
    queueBytesPerCheck: number;
  };
}

/**
 * Builds the pending checks the real way: issues written to the engine's event store, the
 * scheduler reactor turning them into delayed BullMQ jobs. The appends run as one block (the
 * SQLite store answers without I/O, so the engine gets no turn until the last one), as a bulk
 * import would; the scheduler then drains the backlog, sharing the process with the
 * projections catching up on the same events. That drain is the scheduling time.
 */
export async function seedPending(engine: BenchEngine, redis: Redis, issues: number): Promise<SeedResult> {
  const delayedBefore = await engine.checkQueue.getDelayedCount();
  const usedMemoryBefore = await usedMemory(redis);

  const now = new Date();
  const dueAt = new Date(now.getTime() + PENDING_DUE_IN_MS);
  const step = Math.max(1, Math.round(issues / 10));
  const appendStarted = tick();
  for (let i = 0; i < issues; i++) {
    await appendIssue(engine.eventStore, i, now, dueAt);
    if ((i + 1) % step === 0 && i + 1 < issues) log(`  appended ${i + 1} / ${issues} issues`);
  }
  const appendMs = msSince(appendStarted);
  const drainStarted = tick();
  const head = await engine.eventStore.headPosition();
  log(
    `  appended ${issues} issues (${issues * 2} events) in ${Math.round(appendMs)} ms; waiting for the projections and the scheduler…`,
  );

  // No Redis in this wait: its replies could not arrive while the projections hold the loop.
  await waitUntil(
    'the projections reaching the head of the log',
    CATCH_UP_TIMEOUT_MS,
    async () => engine.projections.position() >= head,
    20,
  );
  const projectionsMs = msSince(drainStarted);
  const checksDuringProjections = (await engine.checkQueue.getDelayedCount()) - delayedBefore;
  log(
    `  projections caught up ${Math.round(projectionsMs)} ms after the last append; ${checksDuringProjections} checks queued by then`,
  );

  let lastLogged = Date.now();
  await waitUntil(
    'the scheduler reactor reaching the head of the log',
    CATCH_UP_TIMEOUT_MS,
    async () => {
      const position = await schedulerPosition(engine);
      if (Date.now() - lastLogged > 5000) {
        lastLogged = Date.now();
        log(
          `  scheduler at position ${position} / ${head}, ${await engine.checkQueue.getDelayedCount()} delayed checks`,
        );
      }
      return position >= head;
    },
    100,
  );
  const scheduleMs = msSince(drainStarted);
  const pendingChecks = (await engine.checkQueue.getDelayedCount()) - delayedBefore;
  const usedMemoryAfter = await usedMemory(redis);
  const queue = await keysMemory(redis, `${engine.prefix}:${QUEUE_NAMES.checks}:*`);
  log(`  ${pendingChecks} checks delayed ${Math.round(scheduleMs)} ms after the last append`);

  const per = (bytes: number): number => (pendingChecks > 0 ? Math.round(bytes / pendingChecks) : 0);
  return {
    issues,
    events: issues * 2,
    appendMs: Math.round(appendMs),
    appendEventsPerSecond: perSecond(issues * 2, appendMs),
    pendingChecks,
    checksPerIssue: Math.round((pendingChecks / issues) * 100) / 100,
    scheduleMs: Math.round(scheduleMs),
    scheduleChecksPerSecond: perSecond(pendingChecks, scheduleMs),
    projectionsMs: Math.round(projectionsMs),
    checksDuringProjections,
    schedulerOwnChecksPerSecond: perSecond(
      pendingChecks - checksDuringProjections,
      scheduleMs - projectionsMs,
    ),
    redis: {
      usedMemoryBefore,
      usedMemoryAfter,
      bytesPerCheck: per(usedMemoryAfter - usedMemoryBefore),
      bytesPerIssue: Math.round((usedMemoryAfter - usedMemoryBefore) / issues),
      queueKeys: queue.keys,
      queueKeyBytes: queue.bytes,
      queueBytesPerCheck: per(queue.bytes),
    },
  };
}
