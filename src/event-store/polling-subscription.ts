import type { EventStore, StoredEvent, SubscribeOptions, Subscription } from './event-store';

/** A source of "something was appended" signals from the same process. */
export interface WakeSignal {
  /** Registers a listener; returns a function that removes it. */
  on(listener: () => void): () => void;
}

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
const DEFAULT_BATCH_SIZE = 500;

/**
 * Follows the global log by reading batches after an in-memory checkpoint. The checkpoint
 * moves only after `onBatch` resolved, so a failed batch is delivered again (after a backoff)
 * rather than skipped. Between batches it sleeps until a local wake-up (an append in this
 * process) or `pollIntervalMs` (appends by other processes sharing the store).
 */
export function pollingSubscription(
  store: Pick<EventStore, 'readAll'>,
  options: SubscribeOptions,
  wake: WakeSignal,
  pollIntervalMs: number,
): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let checkpoint = options.after;
  let stopped = false;
  // Set when a wake-up arrives while a batch is in flight, so that append is not slept over.
  let woken = false;
  let interrupt: (() => void) | null = null;

  const unsubscribe = wake.on(() => {
    woken = true;
    interrupt?.();
  });

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        interrupt = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interrupt = done;
    });

  const reportError = (error: unknown): void => {
    try {
      options.onError?.(error);
    } catch {
      // A failing error handler must not kill the subscription loop.
    }
  };

  async function loop(): Promise<void> {
    let backoff = 0;
    while (!stopped) {
      woken = false;
      let batch: StoredEvent[];
      try {
        batch = await store.readAll({ after: checkpoint, maxCount: batchSize });
        if (batch.length > 0 && !stopped) {
          await options.onBatch(batch);
          checkpoint = batch[batch.length - 1].position;
        }
        backoff = 0;
      } catch (error) {
        reportError(error);
        backoff = backoff === 0 ? FIRST_BACKOFF_MS : Math.min(backoff * 2, MAX_BACKOFF_MS);
        if (!stopped) await sleep(backoff);
        continue;
      }
      // A full batch means there is probably more to catch up on: read again at once, but let
      // the rest of the process run first. The SQLite adapters finish their work synchronously
      // behind their promises, so without this a long catch-up (a rebuild, a bulk import) would
      // hold HTTP, the escalation worker and every other subscription until it ended.
      if (batch.length === batchSize) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (woken || stopped) continue;
      await sleep(pollIntervalMs);
    }
  }

  const running = loop();

  return {
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe();
      interrupt?.();
      await running;
    },
  };
}
