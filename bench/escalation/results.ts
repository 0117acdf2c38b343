import type { MachineMeta } from '../machine';
import type { DueLatencyResult } from './due-latency';
import type { ReconcileResult } from './reconcile-timing';
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
  seed: SeedResult;
  dueLatency: DueLatencyResult;
  reconcile: ReconcileResult;
  /** Keys under `<prefix>:*` deleted at the end. */
  keysCleanedUp: number;
}
