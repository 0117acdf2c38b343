import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from './event-store';
import { SubscriptionSet } from './subscription-set';
import { EsdbAllReader, collect } from './eventstoredb-all-reader';
import { expectEmptyAppend, findEarlierAppend, locateAppend } from './eventstoredb-append-check';
import { esdbConnectError, withDeadline } from './eventstoredb-connect';
import {
  fromEsdbAppendError,
  toEsdbExpectedRevision,
  toEventData,
  toStoredEvent,
} from './eventstoredb-mapping';
import { esdbSubscription } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`; credentials, if any, go in the string. */
  connectionString: string;
  /**
   * Streams this store owns; `$all` reads and subscriptions see only streams starting with
   * one of these (system streams and link events never).
   * @defaultValue 'issue-'
   */
  streamPrefix?: string | readonly string[];
  /** How long the check at start waits for the server. @defaultValue 5000 */
  connectTimeoutMs?: number;
}

/**
 * The event store on EventStoreDB (client 6.x, server 22.6 or later): one ESDB stream per
 * issue, the global log read through `$all`. Positions are ESDB commit positions: unique and
 * increasing per event, but byte offsets, so not gap-free (see `eventstoredb-mapping.ts`).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly reader: EsdbAllReader;
  private readonly subscriptions = new SubscriptionSet();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefixes: readonly string[],
  ) {
    this.reader = new EsdbAllReader(client, prefixes);
  }

  /** Connects and proves the server answers (a one-event read of `$all`), or fails clearly. */
  static async connect(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    const prefix = options.streamPrefix ?? 'issue-';
    const prefixes = typeof prefix === 'string' ? [prefix] : [...prefix];
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(options.connectionString);
    } catch (error) {
      throw esdbConnectError(options.connectionString, error);
    }
    try {
      const probe = collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      await withDeadline(probe, options.connectTimeoutMs ?? 5000, 'a one-event read of $all');
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw esdbConnectError(options.connectionString, error);
    }
    return new EventStoreDbEventStore(client, prefixes);
  }

  async appendToStream(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    if (events.length === 0) return expectEmptyAppend(this, streamId, expected);
    if (new Set(events.map((e) => e.id)).size !== events.length) {
      throw new Error(`append to ${streamId}: the same event id appears twice in one append`);
    }
    let last: bigint;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      last = result.nextExpectedRevision;
    } catch (error) {
      const mapped = fromEsdbAppendError(error, streamId, expected);
      // A retry that expects another revision than its first attempt did still returns the
      // first result, as on the other adapters.
      const earlier =
        mapped instanceof WrongExpectedRevisionError && mapped.actual >= 0
          ? await locateAppend(this, streamId, events)
          : null;
      if (earlier) return earlier;
      throw mapped;
    }
    // ESDB answers an idempotent retry with success too, and its answer carries no reliable
    // position for it; so read back where the events are: the same place for a fresh append
    // and for a retry, which makes a retry return exactly the first result.
    return findEarlierAppend(this, streamId, events, Number(last));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const fromRevision =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
        resolveLinkTos: false,
      });
      const resolved: ResolvedEvent[] = await collect(read);
      return resolved.flatMap(({ event }) => (event ? [toStoredEvent(event)] : []));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.reader.readAll(options);
  }

  readPositions(positions: readonly number[]): Promise<StoredEvent[]> {
    return this.reader.readPositions(positions);
  }

  headPosition(): Promise<number> {
    return this.reader.headPosition();
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
    const inner = esdbSubscription(this.client, this.reader, this.prefixes, options);
    return this.subscriptions.track(inner);
  }

  /** Stops this store's subscriptions, then closes the connection. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }
}
