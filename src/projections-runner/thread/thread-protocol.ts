import type { AppConfig } from '../../config/app-config';
import type { AppliedBatch } from '../../ports/applied-batches';

/** What the worker needs to open the same stores as the main thread (plain data: it is copied). */
export type ProjectorThreadConfig = Pick<
  AppConfig,
  'eventStore' | 'readStore' | 'dataDir' | 'databaseUrl' | 'databaseSchema' | 'eventStoreDbUrl'
>;

export interface ProjectorWorkerData {
  config: ProjectorThreadConfig;
  batchSize?: number;
  leaseIntervalMs?: number;
}

/** Main thread to worker. */
export type ToProjector =
  /** The main thread appended: read the log now rather than at the next poll. */
  { type: 'appended' } | { type: 'stop' };

/** Worker to main thread. */
export type FromProjector =
  | { type: 'started'; position: number; leading: boolean }
  /** Where the read models stand now (after a batch, or a follower's reload of the checkpoints). */
  | { type: 'progress'; position: number; leading: boolean }
  | { type: 'applied'; position: number; leading: boolean; batch: AppliedBatch }
  | { type: 'batch-failed'; error: string }
  | { type: 'failed'; error: string }
  | { type: 'stopped' };
