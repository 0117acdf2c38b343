import type { MachineMeta } from '../machine';
import type { DueLatencyResult } from './due-latency';
import type { ReconcileResult } from './reconcile-timing';
import type { BareJobResult, ReconcileScaleRun } from './reconcile-scale';
import type { SeedResult } from './seed-pending';

/** Everything one `npm run bench:escalation` measured; written to bench/results/escalation-latest.json. */
export interface EscalationBenchResults {
  meta: MachineMeta & {
    startedAt: string;
    totalSeconds: number;
    redisVersion: string;
    /** Redis's timer frequency, which bounds how late a delayed check can wake its worker; null if CONFIG is refused. */
    redisHz: number | null;
    /** REDIS_URL without its password. */
    redisUrl: string;
    queuePrefix: string;
    policy: { name: string; source: string };
    stores: string;
  };
  /** Sections 1–3 (absent when BENCH_ESCALATION_SECTIONS left them out). */
  seed?: SeedResult;
  dueLatency?: DueLatencyResult;
  reconcile?: ReconcileResult;
  /** A bare BullMQ delayed job in the same Redis, same run: the memory baseline. */
  bareJob?: BareJobResult;
  /** The engine's check jobs per pending issue over the bare job (section 1's used_memory delta). */
  bytesRatioToBareJob?: number;
  /** The reconciler and Redis memory at BENCH_ESCALATION_SCALE sizes. */
  scale: ReconcileScaleRun[];
  /** Keys under `<prefix>:*` deleted at the end. */
  keysCleanedUp: number;
}
