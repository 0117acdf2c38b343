import type { AppConfig } from '../config/app-config';

/** What a worker needs to open the same stores as the main thread (plain data: it is copied). */
export type WorkerStores = Pick<
  AppConfig,
  'eventStore' | 'readStore' | 'dataDir' | 'databaseUrl' | 'databaseSchema' | 'eventStoreDbUrl'
>;

/** What the main thread tells every worker of the engine, and `Own`: what it tells one kind of worker. */
export type ToWorker<Own = never> =
  /** The counter the main thread raises at each append (`AppendCounter`): read the log when it moves. */
  { type: 'append-counter'; buffer: SharedArrayBuffer } | { type: 'stop' } | Own;

/** What every worker of the engine tells the main thread of its own life. */
export type WorkerLifecycle =
  /** Its stores are open and it runs (a worker adds what it stands at). */
  | { type: 'started' }
  /** It could not start, or failed for good while running (it then exits). */
  | { type: 'failed'; error: string }
  /** It stopped when told to, its stores closed. */
  | { type: 'stopped' };

export const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** The part of the config a worker opens the stores with. */
export const workerStores = (config: WorkerStores): WorkerStores => ({
  eventStore: config.eventStore,
  readStore: config.readStore,
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  databaseSchema: config.databaseSchema,
  eventStoreDbUrl: config.eventStoreDbUrl,
});
