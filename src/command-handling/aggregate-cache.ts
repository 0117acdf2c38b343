import type { DomainEvent, StreamType } from './decider';

/** What an earlier command with one Idempotency-Key appended: enough to answer its replay. */
export interface KeyedAppend {
  /** The fingerprint of the request that first carried the key (absent when none was sent). */
  requestHash?: string;
  /** The revisions of the command's first and last event (one append, so contiguous). */
  firstRevision: number;
  lastRevision: number;
  /** The global position of the command's last event. */
  position: number;
}

/** One stream's state as the log last told it, and the Idempotency-Keys its events carry. */
export interface CachedAggregate<State> {
  /** The stream type that folded `state`: a reader with another one has an entry of its own. */
  stream: StreamType<DomainEvent, State>;
  /** Deep-frozen: deciders and `evolve` share it and must not change it. */
  state: State;
  /** The revision of the last event folded into `state`; -1 for a stream with no events. */
  revision: number;
  /** The global position of that event; 0 for none. */
  position: number;
  /**
   * Every Idempotency-Key in the stream up to at least `revision`, added to in place as later
   * events are read (a key in the map is a key in the log, which is all a replay needs).
   */
  keys: Map<string, KeyedAppend>;
}

/** How many streams the engine keeps folded in memory by default (`STATE_CACHE_STREAMS`). */
export const DEFAULT_STATE_CACHE_STREAMS = 10_000;

/**
 * Aggregate states kept in memory by stream, stream type and revision, least recently used
 * first out, so a command on a long stream reads only the events after the cached revision
 * instead of the whole stream. Only states folded from events read from the log are kept: a
 * command's own appended events reach the cache through the next read, never from the
 * decision, so the cache cannot hold anything the log does not say. One per engine (a Nest
 * provider; this class is its token), shared by every reader of aggregate state through
 * `loadAggregate`; a reader that folds a stream with a stream type of its own (the escalation
 * scheduler, say, keeping deadline records beside the decider's state) gets entries of its own.
 *
 * The cache is an optimisation, never a source of truth: a miss reads the whole stream, and
 * `handleCommand` forgets a stream on a WrongExpectedRevisionError before reading it again.
 */
export class AggregateCache {
  private readonly entries = new Map<string, CachedAggregate<unknown>>();
  /** A number per stream type, so two readers folding one stream differently keep an entry each. */
  private readonly typeIds = new WeakMap<object, number>();

  /** @param capacity entries kept at most; 0 keeps none (every load reads the whole stream). */
  constructor(readonly capacity: number = DEFAULT_STATE_CACHE_STREAMS) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new Error(`AggregateCache capacity must be a whole number ≥ 0, got ${capacity}`);
    }
  }

  /** The entry of `streamId` as `stream` folds it, marked as just used; undefined on a miss. */
  get<State>(streamId: string, stream: StreamType<DomainEvent, State>): CachedAggregate<State> | undefined {
    const key = this.key(streamId, stream);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // A Map iterates in insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry as CachedAggregate<State>;
  }

  /**
   * Keeps `entry` for `streamId` (as its `stream` folds it), unless a newer revision is already
   * kept (two loads of one stream finishing out of order), evicting the least recently used
   * entry beyond capacity.
   */
  set<State>(streamId: string, entry: CachedAggregate<State>): void {
    if (this.capacity === 0) return;
    const key = this.key(streamId, entry.stream);
    const current = this.entries.get(key);
    if (current !== undefined && current.revision > entry.revision) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets one stream as `stream` folds it: its next load reads it whole. */
  delete(streamId: string, stream: StreamType<DomainEvent, unknown>): void {
    this.entries.delete(this.key(streamId, stream));
  }

  /** How many entries are kept now. */
  get size(): number {
    return this.entries.size;
  }

  private key(streamId: string, stream: object): string {
    let id = this.typeIds.get(stream);
    if (id === undefined) {
      id = nextTypeId++;
      this.typeIds.set(stream, id);
    }
    return `${id}\u0000${streamId}`;
  }
}

let nextTypeId = 1;
