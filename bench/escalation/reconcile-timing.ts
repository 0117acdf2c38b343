import type { Redis } from 'ioredis';
import type { ReconcilerState } from '../../src/escalation/queue/reconciler';
import { QUEUE_NAMES } from '../../src/escalation/queue/queue-names';
import { log } from '../run-store';
import { msSince, perSecond, tick } from '../stats';
import type { BenchEngine } from './bench-engine';
import { unlinkKeys } from './redis-memory';

export interface ReconcilePass {
  elapsedMs: number;
  /** What the reconciler itself reported for the pass. */
  issuesScanned: number;
  checksNeeded: number;
  checksAdded: number;
  issuesPerSecond: number;
}

export interface ReconcileResult {
  /** A pass with every check in Redis: the periodic cost of the safety net. */
  nothingMissing: ReconcilePass;
  /** Keys of the check queue deleted to simulate a lost Redis. */
  keysDeleted: number;
  /** A pass after that loss: every pending check re-added. */
  afterLoss: ReconcilePass;
  delayedBeforeLoss: number;
  delayedAfterLoss: number;
  delayedAfterReAdd: number;
}

async function timedPass(engine: BenchEngine): Promise<ReconcilePass> {
  const started = tick();
  await engine.reconciler.run();
  const elapsedMs = msSince(started);
  const state = (await engine.escalation.health()).reconciler as ReconcilerState;
  if (state.lastError) throw new Error(`the reconciliation pass failed: ${state.lastError}`);
  return {
    elapsedMs: Math.round(elapsedMs),
    issuesScanned: state.issuesScanned,
    checksNeeded: state.checksNeeded,
    checksAdded: state.checksAdded,
    issuesPerSecond: perSecond(state.issuesScanned, elapsedMs),
  };
}

/**
 * The reconciler over every pending issue (the deadlines read model must have caught up):
 * one pass when Redis holds everything, then one after the check queue's keys are deleted
 * (a flushed or replaced Redis), which must put every pending check back.
 */
export async function measureReconcile(engine: BenchEngine, redis: Redis): Promise<ReconcileResult> {
  const queue = engine.checkQueue;
  const delayedBeforeLoss = await queue.getDelayedCount();
  log(`  reconciling with all ${delayedBeforeLoss} delayed checks in Redis…`);
  const nothingMissing = await timedPass(engine);

  const keysDeleted = await unlinkKeys(redis, `${engine.prefix}:${QUEUE_NAMES.checks}:*`);
  const delayedAfterLoss = await queue.getDelayedCount();
  log(`  deleted ${keysDeleted} check-queue keys (${delayedAfterLoss} delayed left); reconciling…`);
  const afterLoss = await timedPass(engine);
  const delayedAfterReAdd = await queue.getDelayedCount();
  log(`  re-added ${afterLoss.checksAdded} checks; ${delayedAfterReAdd} delayed now`);
  return { nothingMissing, keysDeleted, afterLoss, delayedBeforeLoss, delayedAfterLoss, delayedAfterReAdd };
}
