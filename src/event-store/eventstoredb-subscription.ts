import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import type { StoredEvent, SubscribeOptions, Subscription } from './event-store';
import type { EsdbAllReader } from './eventstoredb-all-reader';
import { isConnectionError } from './eventstoredb-connect';
import { exactPosition, isOwnEvent, toStoredEvent } from './eventstoredb-mapping';

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
const DEFAULT_BATCH_SIZE = 500;
const nextBackoff = (ms: number): number => (ms === 0 ? FIRST_BACKOFF_MS : Math.min(ms * 2, MAX_BACKOFF_MS));
const STOPPED = Symbol('stopped');

/**
 * Follows `$all` with a server-filtered catch-up subscription (catch-up, then live). Events
 * that are already buffered are handed over together, up to `batchSize`, and the next batch
 * is not read until `onBatch` resolved, so gRPC flow control holds the server back. A failed
 * batch is retried as is; a failed subscription (connection loss, server restart, dropped as
 * too slow) is reported and opened again after a backoff from the last delivered event.
 */
export function esdbSubscription(
  client: EventStoreDBClient,
  reader: EsdbAllReader,
  prefixes: readonly string[],
  options: SubscribeOptions,
): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let checkpoint = options.after;
  // ESDB subscriptions start after (exclusive) the given position; each delivered event's own
  // position is where to resume.
  let from: ReadPosition = checkpoint > 0 ? exactPosition(checkpoint) : START;
  let resumedFromDelivered = false;
  let stopped = false;
  let signalStop!: () => void;
  const stopSignal = new Promise<typeof STOPPED>((resolve) => (signalStop = () => resolve(STOPPED)));

  const report = (error: unknown): void => {
    try {
      options.onError?.(error);
    } catch {
      // A failing error handler must not kill the subscription loop.
    }
  };
  const sleep = (ms: number): Promise<unknown> =>
    Promise.race([new Promise((resolve) => setTimeout(resolve, ms).unref()), stopSignal]);

  // Grows with consecutive failures of the subscription; a delivered batch resets it.
  let reconnectBackoff = 0;

  async function deliver(batch: StoredEvent[], last: AllStreamResolvedEvent): Promise<void> {
    let backoff = 0;
    while (!stopped) {
      try {
        await options.onBatch(batch);
        checkpoint = batch[batch.length - 1].position;
        from = last.event!.position;
        resumedFromDelivered = true;
        reconnectBackoff = 0;
        return;
      } catch (error) {
        report(error);
        backoff = nextBackoff(backoff);
        await sleep(backoff);
      }
    }
  }

  async function consume(subscription: AllStreamSubscription): Promise<void> {
    const events = subscription[Symbol.asyncIterator]();
    while (!stopped) {
      const first = await Promise.race([events.next(), stopSignal]);
      if (first === STOPPED) return;
      if (first.done) throw new Error('EventStoreDB ended the subscription');
      const batch: StoredEvent[] = [];
      let last = first.value;
      const take = (resolved: AllStreamResolvedEvent): void => {
        last = resolved;
        const { event } = resolved;
        if (isOwnEvent(event, prefixes) && event.position.commit > BigInt(checkpoint))
          batch.push(toStoredEvent(event));
      };
      take(first.value);
      // Whatever is already buffered joins this batch; nothing waits for more to arrive.
      while (batch.length < batchSize && subscription.readableLength > 0) {
        const next = await events.next();
        if (next.done) break;
        take(next.value);
      }
      if (batch.length > 0) await deliver(batch, last);
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const subscription = client.subscribeToAll({
        fromPosition: from,
        resolveLinkTos: false,
        filter: streamNameFilter({ prefixes: [...prefixes] }),
      });
      // Errors reach us through the iterator; this keeps a late one (after destroy) from
      // becoming an unhandled 'error' event that would crash the process.
      subscription.on('error', () => undefined);
      try {
        await consume(subscription);
      } catch (error) {
        if (stopped) break;
        report(error);
        // A checkpoint that is not an event's exact position (the server refuses it) is
        // replaced by the last log record at or before it; events up to it are skipped anyway.
        if (!resumedFromDelivered && checkpoint > 0 && !isConnectionError(error)) {
          from = await reader.lastRecordAtOrBefore(checkpoint).catch((e: unknown) => (report(e), from));
        }
        reconnectBackoff = nextBackoff(reconnectBackoff);
        await sleep(reconnectBackoff);
      } finally {
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      }
    }
  }

  const running = run();

  return {
    async stop(): Promise<void> {
      stopped = true;
      signalStop();
      await running;
    },
  };
}
