import type { AppliedBatch } from '../../ports/applied-batches';
import type { WorkerStores } from '../../threads/worker-protocol';

export interface ProjectorWorkerData {
  config: WorkerStores;
  batchSize?: number;
  leaseIntervalMs?: number;
}

/** The projector's worker to the main thread (besides 'failed' and 'stopped', as every worker). */
export type FromProjector =
  | { type: 'started'; position: number; leading: boolean }
  /** Where the read models stand now (after a batch, or a follower's reload of the checkpoints). */
  | { type: 'progress'; position: number; leading: boolean }
  | { type: 'applied'; position: number; leading: boolean; batch: AppliedBatch }
  | { type: 'batch-failed'; error: string };
