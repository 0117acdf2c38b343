/**
 * The event store port. Every adapter (embedded SQLite, PostgreSQL, EventStoreDB) implements
 * it and passes the one contract suite in `test/event-store/event-store.contract.ts`.
 *
 * Revisions are per stream and start at 0 (the first event of a stream has revision 0).
 * Positions are global, strictly increasing, and start at 1; position 0 means "before the
 * first event", so `readAll({ after: 0 })` reads the whole log.
 */

/** What a caller knows about a stream before appending to it. */
export type ExpectedRevision =
  /** Append whatever the stream's state. */
  | 'any'
  /** The stream must not exist yet. */
  | 'no-stream'
  /** The stream must exist, at any revision. */
  | 'stream-exists'
  /** The stream's last event must have exactly this revision. */
  | number;

/** Facts about an event that are not the domain fact itself. */
export interface EventMetadata {
  /** The request or process that caused this event; shared by everything it caused. */
  correlationId: string;
  /** The id of the event or request that directly caused this one; null for a root cause. */
  causationId: string | null;
  /** Who did it: a person's name or id, or `system:<component>` for automation. */
  actor: string;
  /** Business time: when it happened in the field (ISO-8601). May lie in the past. */
  occurredAt: string;
  /** Version of the event's data schema, so later changes can upcast old events. */
  schemaVersion: number;
  /** The HTTP Idempotency-Key the event was appended under, if any. */
  idempotencyKey?: string;
  /** A hash of the request that carried the Idempotency-Key, to refuse a reused key. */
  requestHash?: string;
  /** Anything else an adapter or feature wants to keep; must be JSON. */
  [extra: string]: unknown;
}

/** An event on its way into the store. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Unique id; appending the same ids again to the same stream is a no-op (idempotence). */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store recorded it. */
export interface StoredEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  /** Position of the event within its stream, from 0. */
  revision: number;
  /** Position of the event in the global log, from 1, gap-free in commit order. */
  position: number;
  /** Store time: when the store committed it (ISO-8601, UTC). */
  recordedAt: string;
}

export interface AppendOptions {
  /** @defaultValue 'any' */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's revision after the append (the last appended event's revision). */
  revision: number;
  /** The global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  /** @defaultValue 'forwards' */
  direction?: 'forwards' | 'backwards';
  /** First revision to read (inclusive). @defaultValue 0 forwards, the last backwards */
  fromRevision?: number;
  /** @defaultValue no limit */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events whose position is strictly greater than this. @defaultValue 0 */
  after?: number;
  /** @defaultValue 1000 */
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events whose position is strictly greater than this checkpoint. */
  after: number;
  /** Called with each batch in log order; the next batch waits for the promise. */
  onBatch: (events: StoredEvent[]) => Promise<void>;
  /** Called when a batch handler or the store fails; the subscription retries the batch. */
  onError?: (error: unknown) => void;
  /** @defaultValue 500 */
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivery; resolves once no batch is in flight. */
  stop(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends events atomically to one stream.
   * @throws WrongExpectedRevisionError when the stream is not at `expectedRevision`.
   * When every event id is already in the stream at the same place, nothing is appended
   * and the original result is returned.
   */
  appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads one stream; an unknown stream reads as an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Reads the global log in position order, gap-free: never skips a committed event. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;

  /**
   * The events at these positions, in log order; a position holding no event of this store is
   * left out. For indexes that point into the log instead of copying it (the audit trail's).
   */
  readPositions(positions: readonly number[]): Promise<StoredEvent[]>;

  /** The position of the last committed event, 0 for an empty store. */
  headPosition(): Promise<number>;

  /**
   * Catches up from `after`, then follows new events live, until stopped. Delivery is at
   * least once across restarts: the subscriber keeps its own checkpoint (for projections, in
   * the same transaction as the read model) and passes it back as `after`.
   */
  subscribe(options: SubscribeOptions): Subscription;

  /**
   * Calls `listener` after each append of this process has committed (the signal the store's
   * own subscriptions wake on), so a subscriber elsewhere (the projector's worker thread) can
   * be woken too; returns the unsubscribe. Absent where subscriptions are pushed anyway.
   */
  onAppended?(listener: () => void): () => void;

  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** The positions of a `readPositions` call that can hold an event, each once. */
export const eventPositions = (positions: readonly number[]): number[] => [
  ...new Set(positions.filter((p) => Number.isSafeInteger(p) && p > 0)),
];

/** The stream is not at the revision the caller expected: someone else appended first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(
      `stream ${streamId} is at revision ${actual < 0 ? '(none)' : actual}, expected ${String(expected)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Injection token for the configured EventStore. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/**
 * The one rule every adapter applies to an expected revision; `actual` is the stream's last
 * revision, -1 when it does not exist.
 * @throws WrongExpectedRevisionError when they do not match.
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, actual: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === -1) ||
    (expected === 'stream-exists' && actual >= 0) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
