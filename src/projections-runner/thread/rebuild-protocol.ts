import type { WorkerStores } from '../../threads/worker-protocol';

/** What the rebuild's worker is started with (plain data: it is copied). */
export interface RebuildWorkerData {
  /** Where it opens the log (the same one the main thread replays). */
  log: WorkerStores;
  /** The SQLite file it replays into, fresh. */
  scratchFile: string;
  /** The names of the projections it replays. */
  projections: string[];
}

/** What it says when it ends, once. */
export type FromRebuildWorker =
  { type: 'done'; position: number; events: number } | { type: 'failed'; error: string };
