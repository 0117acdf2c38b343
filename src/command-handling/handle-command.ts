import {
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '../event-store/event-store';
import type { AggregateCache } from './aggregate-cache';
import { loadAggregate, type LoadedAggregate } from './aggregate-stream';
import { deepFreeze } from './deep-freeze';
import type { CommandContext } from './command-context';
import { StaleRevisionError, TooManyConflictsError } from './command-errors';
import type { DomainEvent, StreamType } from './decider';
import { deterministicId, priorEventsForKey } from './idempotency';
import { timeOrderedId } from './time-ordered-id';

/** Where a stream stands after a command, and what the command appended. */
export interface CommandOutcome<State> {
  streamId: string;
  /** The stream's revision after the command; -1 for a stream that still has no events. */
  revision: number;
  /** The global position of the last event the command appended (or replayed); 0 for none. */
  position: number;
  /** The events the command appended (or, for a replayed Idempotency-Key, had appended). */
  events: Array<{ type: string; data: Record<string, unknown> }>;
  /** True when an Idempotency-Key matched an earlier command and nothing was appended. */
  replayed: boolean;
  /** The state after the command (before it, for a replay or a command that decided nothing). */
  state: State;
}

export interface HandleCommandOptions {
  /** How the stream is named in 409 messages, e.g. `issue 0b1f…`. @defaultValue the stream id */
  subject?: string;
  /** Reads, decisions and appends tried before giving up with 409. @defaultValue 10 */
  maxAttempts?: number;
  /** Waits before retry `attempt` (1-based) after another writer won. @defaultValue jittered, a few ms */
  backoff?(attempt: number): Promise<void>;
  /**
   * The engine's aggregate states in memory: a stream it holds is read from its cached revision
   * on, not whole. @defaultValue none: every attempt reads the whole stream
   */
  cache?: AggregateCache;
  /**
   * The command usually begins its stream (a report under a freshly made id): the first attempt
   * decides on the stream's initial state without reading it, and the append's no-stream check
   * says whether that was right; if the stream exists after all, the next attempt reads it, so
   * the answer is the one a read would have given. Not with an Idempotency-Key, whose retry
   * finds its stream there, nor with If-Match, whose refusal names the revision the stream is
   * at. @defaultValue false
   */
  startsStream?: boolean;
}

const jitter = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/**
 * The one command-handling path every aggregate goes through: load the stream's state (the
 * `cache`'s plus the events after its revision, or the whole stream folded), answer a replayed
 * Idempotency-Key with the first answer, check If-Match, decide with the pure `decide`, wrap
 * the decided events in their envelope and append them at the revision the decision was made
 * on; another writer in between means forget the cached state, read and decide again.
 *
 * `decide` throws a DomainError to refuse (nothing is appended) and may return no events
 * (nothing to do). Event ids derive from the Idempotency-Key when there is one, so even two
 * engines racing with the same retried request append it once.
 */
export async function handleCommand<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  stream: StreamType<Event, State>,
  decide: (state: State) => Event[],
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome<State>> {
  const subject = options.subject ?? streamId;
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    const { state, revision, position, keys } =
      attempt === 1 &&
      options.startsStream &&
      context.idempotencyKey === undefined &&
      context.expectedRevision === undefined
        ? unread(stream)
        : await loadAggregate(store, streamId, stream, options.cache);
    const prior = await priorEventsForKey(
      store,
      streamId,
      stream,
      keys,
      context.idempotencyKey,
      context.requestHash,
    );
    if (prior.length > 0) return outcome(streamId, prior, state, true);

    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new StaleRevisionError(subject, context.expectedRevision, revision);
    }
    const decided = decide(state);
    if (decided.length === 0) return { streamId, revision, position, events: [], replayed: false, state };

    try {
      const result = await store.appendToStream(streamId, envelopes(streamId, decided, stream, context), {
        expectedRevision: revision < 0 ? 'no-stream' : revision,
      });
      // Not cached: the appended events reach the cache through the next load, from the log.
      const after = decided.reduce((s, e) => stream.evolve(s, e), state);
      return { streamId, ...result, events: decided, replayed: false, state: after };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another writer was first: read the stream whole again rather than trust the cache.
      options.cache?.delete(streamId, stream);
      if (context.expectedRevision !== undefined) {
        throw new StaleRevisionError(subject, context.expectedRevision, error.actual);
      }
      if (attempt >= maxAttempts) throw new TooManyConflictsError(subject);
      await (options.backoff ?? jitter)(attempt);
    }
  }
}

/** A stream with no events, as `loadAggregate` gives it, for a decision made without a read. */
function unread<State>(stream: StreamType<DomainEvent, State>): LoadedAggregate<State> {
  return { state: deepFreeze(stream.initialState()), revision: -1, position: 0, keys: new Map() };
}

/** The decided events with their ids and metadata: who, why (correlation), when, which schema. */
function envelopes<Event extends DomainEvent>(
  streamId: string,
  decided: Event[],
  stream: StreamType<Event, unknown>,
  context: CommandContext,
): NewEvent[] {
  return decided.map((event, index) => ({
    id: context.idempotencyKey
      ? deterministicId(streamId, context.idempotencyKey, String(index))
      : timeOrderedId(),
    type: event.type,
    data: event.data,
    metadata: {
      ...context.metadata,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      occurredAt: event.data.occurredAt,
      schemaVersion: stream.schemaVersionOf(event.type),
      ...(context.idempotencyKey && {
        idempotencyKey: context.idempotencyKey,
        requestHash: context.requestHash,
      }),
    },
  }));
}

function outcome<State>(
  streamId: string,
  events: StoredEvent[],
  state: State,
  replayed: boolean,
): CommandOutcome<State> {
  const last = events[events.length - 1];
  return {
    streamId,
    revision: last?.revision ?? -1,
    position: last?.position ?? 0,
    events: events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
    replayed,
    state,
  };
}
