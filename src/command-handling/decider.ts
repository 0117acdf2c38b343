import type { StoredEvent } from '../event-store/event-store';

/**
 * A domain event as a decider emits it: a plain past-tense `{ type, data }` fact. Every event
 * carries its business time in `data.occurredAt` (ISO-8601), so the pure `evolve` needs no
 * envelope and the command path can write it into the metadata.
 */
export interface DomainEvent<Type extends string = string> {
  type: Type;
  data: { occurredAt: string } & Record<string, unknown>;
}

/**
 * What the generic command path needs to know about one kind of stream (an aggregate): how to
 * fold its state from its events, and how its events are versioned. `decide` is passed per
 * command (see `handleCommand`), so a decider that needs more than the state (the stream's id,
 * configuration) binds it in a closure instead of widening this type.
 */
export interface StreamType<Event extends DomainEvent, State> {
  /** The state of a stream that has no events yet. */
  initialState(): State;
  /** Pure: the state after one more event. */
  evolve(state: State, event: Event): State;
  /** The schema version written into each new event's metadata. */
  schemaVersionOf(type: string): number;
  /** Brings a stored event of an older schema up to today's shape. @defaultValue identity */
  upcast?(event: StoredEvent): StoredEvent;
}
