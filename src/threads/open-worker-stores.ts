import type { AppConfig } from '../config/app-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import type { EventStore } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { WORKER_POLL_MS, wakeOnMessage } from './wake-on-message';
import type { WorkerStores } from './worker-protocol';

/** A worker's own connections to the engine's stores. */
export interface OpenedWorkerStores {
  /** The event store, its subscriptions woken by the main thread's appends (and polling between). */
  events: EventStore;
  readStore: ReadStore;
  /** Closes both. */
  close: () => Promise<void>;
}

/**
 * Opens a worker's own connections to the engine's event store and read store (the first
 * closed again if the second fails), its subscriptions woken at each append `onAppended`
 * tells of.
 */
export async function openWorkerStores(
  stores: WorkerStores,
  onAppended: (listener: () => void) => void,
): Promise<OpenedWorkerStores> {
  const opened = await openEventStore(stores as AppConfig);
  const readStore = await openReadStore(stores as AppConfig).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });
  const { store: events, wake } = wakeOnMessage(opened, WORKER_POLL_MS[stores.eventStore]);
  onAppended(wake);
  return {
    events,
    readStore,
    close: async () => {
      await readStore.close();
      await opened.close();
    },
  };
}
