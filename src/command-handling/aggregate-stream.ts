import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { DomainEvent, StreamType } from './decider';

/** One stream's events in today's shapes, and the state folded from them. */
export interface AggregatedStream<State> {
  events: StoredEvent[];
  state: State;
}

/**
 * Reads one stream, upcasts its events and folds the aggregate's state: `handleCommand` starts
 * every attempt here, and so does any other reader that needs the decider's own state.
 */
export async function aggregateStream<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  stream: StreamType<Event, State>,
): Promise<AggregatedStream<State>> {
  const events = (await store.readStream(streamId)).map((e) => stream.upcast?.(e) ?? e);
  // The store holds only events this stream's decider appended (upcast to today's shape).
  const state = events.reduce((s, e) => stream.evolve(s, e as unknown as Event), stream.initialState());
  return { events, state };
}
