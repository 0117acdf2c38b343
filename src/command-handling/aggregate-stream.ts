import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { AggregateCache, CachedAggregate, KeyedAppend } from './aggregate-cache';
import type { DomainEvent, StreamType } from './decider';
import { deepFreeze } from './deep-freeze';
import { recordKeys } from './idempotency';

/** One stream's events in today's shapes, and the state folded from them. */
export interface AggregatedStream<State> {
  events: StoredEvent[];
  state: State;
}

/**
 * Reads one stream whole, upcasts its events and folds the aggregate's state: for a reader that
 * needs the events themselves. `handleCommand` starts each attempt at `loadAggregate` instead.
 */
export async function aggregateStream<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  stream: StreamType<Event, State>,
): Promise<AggregatedStream<State>> {
  const events = (await store.readStream(streamId)).map((e) => stream.upcast?.(e) ?? e);
  return { events, state: fold(stream, stream.initialState(), events) };
}

/** A stream's state at a revision, what a decision is made on. */
export interface LoadedAggregate<State> {
  /** Deep-frozen (see `deepFreeze`): a decider must return events, not change the state. */
  state: State;
  /** The revision of the last event folded in; -1 for a stream with no events. */
  revision: number;
  /** The global position of that event; 0 for none. */
  position: number;
  /** Every Idempotency-Key the stream's events carry, up to at least `revision`. */
  keys: ReadonlyMap<string, KeyedAppend>;
}

/**
 * The aggregate's current state. With a `cache` that holds the stream, only the events after
 * the cached revision are read (`fromRevision`: one query for a few rows, usually just this
 * engine's previous command on the stream, plus whatever other engines on the same store
 * appended); otherwise, or when the log does not continue where the cache stopped, the whole
 * stream is read and folded. Either way the result is kept in the cache for the next load.
 */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  stream: StreamType<Event, State>,
  cache?: AggregateCache,
): Promise<LoadedAggregate<State>> {
  const cached = cache?.get(streamId, stream);
  if (cache !== undefined && cached !== undefined) {
    const tail = await store.readStream(streamId, { fromRevision: cached.revision + 1 });
    if (tail.length === 0) return cached;
    if (tail[0].revision === cached.revision + 1) {
      return keep(cache, streamId, stream, cached.state, cached.keys, upcast(stream, tail));
    }
    cache.delete(streamId, stream);
  }
  const events = upcast(stream, await store.readStream(streamId));
  return keep(cache, streamId, stream, stream.initialState(), new Map(), events);
}

/**
 * Folds events of one stream that a reader was handed from the log, in order (a subscription's
 * batch, already upcast), into the cache's entry for that stream, so its next load needs no read
 * of what the batch already held. They are taken only where they continue the entry (or begin
 * the stream, at revision 0, with no entry yet); anything else is left to the next load, which
 * reads the log. Returns the entry as it stands, or undefined when the cache holds none.
 */
export function followInCache<Event extends DomainEvent, State>(
  cache: AggregateCache,
  streamId: string,
  stream: StreamType<Event, State>,
  events: StoredEvent[],
): CachedAggregate<State> | undefined {
  const cached = cache.get(streamId, stream);
  const from = (cached?.revision ?? -1) + 1;
  const start = events.findIndex((event) => event.revision === from);
  if (start < 0) return cached;
  // The events a batch holds of one stream follow each other; a gap leaves the rest to the log.
  let end = start + 1;
  while (end < events.length && events[end].revision === events[end - 1].revision + 1) end++;
  const state = cached?.state ?? stream.initialState();
  const keys = cached?.keys ?? new Map<string, KeyedAppend>();
  return keep(cache, streamId, stream, state, keys, events.slice(start, end));
}

/** Folds `events` onto `state`, freezes the result and keeps it in the cache (when there is one). */
function keep<Event extends DomainEvent, State>(
  cache: AggregateCache | undefined,
  streamId: string,
  stream: StreamType<Event, State>,
  state: State,
  keys: Map<string, KeyedAppend>,
  events: StoredEvent[],
): CachedAggregate<State> {
  const last = events[events.length - 1];
  const entry: CachedAggregate<State> = {
    stream,
    state: deepFreeze(fold(stream, state, events)),
    revision: last?.revision ?? -1,
    position: last?.position ?? 0,
    keys: recordKeys(keys, events),
  };
  cache?.set(streamId, entry);
  return entry;
}

const upcast = <Event extends DomainEvent, State>(stream: StreamType<Event, State>, events: StoredEvent[]) =>
  events.map((e) => stream.upcast?.(e) ?? e);

// The store holds only events this stream's decider appended (upcast to today's shape).
const fold = <Event extends DomainEvent, State>(
  stream: StreamType<Event, State>,
  state: State,
  events: StoredEvent[],
): State => events.reduce((s, e) => stream.evolve(s, e as unknown as Event), state);
