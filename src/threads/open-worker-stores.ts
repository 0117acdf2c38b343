import type { AppConfig } from '../config/app-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import type { EventStore } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import type { WorkerStores } from './worker-protocol';

/** A worker's own connections to the engine's event store and read store (the first closed if the second fails). */
export async function openWorkerStores(
  stores: WorkerStores,
): Promise<{ events: EventStore; readStore: ReadStore }> {
  const events = await openEventStore(stores as AppConfig);
  const readStore = await openReadStore(stores as AppConfig).catch(async (error: unknown) => {
    await events.close();
    throw error;
  });
  return { events, readStore };
}
