import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  assertExpectedRevision,
} from './event-store';

type StreamReader = Pick<EventStore, 'readStream'>;

/**
 * Where an append that ESDB accepted actually stands. ESDB reports the last revision of the
 * append (for an idempotent retry, of the original one), so the events are read back there.
 * ESDB also accepts ids it already holds in another order, or a write it judged idempotent
 * with `any` while the ids sit elsewhere; those are caller bugs and are refused here (ESDB
 * appended nothing in that case).
 */
export async function findEarlierAppend(
  store: StreamReader,
  streamId: string,
  events: NewEvent[],
  lastRevision: number,
): Promise<AppendResult> {
  const ids = events.map((e) => e.id);
  const tail = await store.readStream(streamId, {
    direction: 'backwards',
    fromRevision: lastRevision,
    maxCount: events.length,
  });
  tail.reverse();
  if (tail.length === ids.length && tail.every((e, i) => e.id === ids[i])) {
    return { revision: lastRevision, position: tail[tail.length - 1].position };
  }
  const earlier = await locateAppend(store, streamId, events);
  if (earlier) return earlier;
  throw notThisSequence(streamId, ids);
}

/**
 * Where these events already stand in the stream, or null when the first is not there.
 * ESDB checks a retry's ids only at the place its expected revision names, so a retry that
 * expects something else gets a conflict; this finds the original append for it.
 */
export async function locateAppend(
  store: StreamReader,
  streamId: string,
  events: NewEvent[],
): Promise<AppendResult | null> {
  const ids = events.map((e) => e.id);
  // One issue's stream is short; read it whole.
  const stream = await store.readStream(streamId);
  const start = stream.findIndex((e) => e.id === ids[0]);
  if (start < 0) return null;
  const run = stream.slice(start, start + ids.length);
  if (run.length !== ids.length || !run.every((e, i) => e.id === ids[i]))
    throw notThisSequence(streamId, ids);
  const last = run[run.length - 1];
  return { revision: last.revision, position: last.position };
}

const notThisSequence = (streamId: string, ids: string[]): Error =>
  new Error(
    `append to ${streamId}: event ids ${ids.join(', ')} are already stored, but not as this exact ` +
      'sequence in this stream; a retry must resend the same events',
  );

/** An empty append only checks the expectation and reports where the stream stands. */
export async function expectEmptyAppend(
  store: StreamReader,
  streamId: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  const actual = last?.revision ?? -1;
  assertExpectedRevision(streamId, expected, actual);
  return { revision: actual, position: last?.position ?? 0 };
}
