import { EventEmitter } from 'node:events';
import type { EventStore } from '../event-store/event-store';
import { pollingSubscription } from '../event-store/polling-subscription';
import type { AppConfig } from '../config/app-config';

/** How often a worker's subscriptions read the log when no wake-up came, by store. */
export const WORKER_POLL_MS: Record<AppConfig['eventStore'], number | null> = {
  sqlite: 100,
  postgres: 1000,
  eventstoredb: null,
};

/**
 * The worker's event store, with subscriptions woken by the main thread's appends (told by
 * message) instead of only by appends in this thread, which never happen here. Between
 * wake-ups they poll, as the store's own subscriptions do for other processes' appends.
 * EventStoreDB pushes new events itself, so its subscriptions are kept as they are.
 */
export function wakeOnMessage(
  store: EventStore,
  pollIntervalMs: number | null,
): { store: EventStore; wake: () => void } {
  const signal = new EventEmitter();
  signal.setMaxListeners(0);
  const wake = () => void signal.emit('appended');
  if (pollIntervalMs === null) return { store, wake };
  const woken: EventStore = new Proxy(store, {
    get(target, key) {
      if (key === 'subscribe')
        return (options: Parameters<EventStore['subscribe']>[0]) =>
          pollingSubscription(
            target,
            options,
            {
              on: (listener) => {
                signal.on('appended', listener);
                return () => void signal.off('appended', listener);
              },
            },
            pollIntervalMs,
          );
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: woken, wake };
}
