import { createHash } from 'node:crypto';
import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
import {
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
  WrongExpectedRevisionError,
} from './event-store';

/*
 * How our numbers map onto EventStoreDB's, and why.
 *
 * Positions. ESDB names a place in `$all` by { commit, prepare }, both byte offsets in its
 * transaction log. Every append over gRPC (single or multi-event) is written as "committed
 * prepares": one log record per event, flagged IsCommitted, with no separate commit record
 * (StorageWriterService, WritePrepares). For such a record the `$all` reader reports
 * commit = prepare = the record's own log position (AllReader.ReadAllEventsForwardInternal:
 * `new CommitEventRecord(eventRecord, prepare.LogPosition)`), so events of one append do NOT
 * share a commit position; each has its own, strictly increasing in `$all` order (also seen
 * in KurrentDB-Client-Dotnet#20: "C:2554/P:2554, C:2650/P:2650"). Only legacy explicit
 * transactions (TCP API, never used here) share a commit position. So the commit position is
 * a faithful, unique, increasing JS number per event; it is not gap-free (it is a byte offset).
 * Stream reads carry the same position since server 22.6 (KurrentDB#3459; the client's
 * `RecordedEvent.position` says "only returned on server versions later than 22.6.0").
 */

/** A `$all` position as a JS number; refuses what cannot be one. */
export function positionNumber(position: Position | undefined, what: string): number {
  // Servers before 22.6 send no position on stream reads (the client shows none, or 2^64-1).
  if (!position || position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(
      `EventStoreDB gave no usable $all position for ${what} (got ${position ? position.commit : 'none'}); ` +
        'this adapter needs EventStoreDB 22.6 or later, which returns positions on stream reads',
    );
  }
  return Number(position.commit);
}

/** The ESDB position of an event whose number we handed out (commit = prepare, see above). */
export const exactPosition = (position: number): Position => ({
  commit: BigInt(position),
  prepare: BigInt(position),
});

/** Orders two `$all` positions the way ESDB does: by commit, then by prepare. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** ESDB's conflict as ours, its size limit in words; anything else passes through unchanged. */
export function fromEsdbAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return new Error(
      `append to ${streamId}: EventStoreDB refuses appends over ${error.maxAppendSize} bytes (data and ` +
        'metadata together); raise its MaxAppendSize (EVENTSTORE_MAX_APPEND_SIZE) to store larger events',
      { cause: error },
    );
  }
  if (!(error instanceof WrongExpectedVersionError)) return error;
  const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
  return new WrongExpectedRevisionError(streamId, expected, actual);
}

/** Metadata key that carries our id when it is not a UUID ESDB would accept as is. */
export const ORIGINAL_ID_KEY = 'esdb.originalEventId';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * ESDB event ids must be UUIDs, and idempotence works on them. Our ids usually are (lower
 * case, as ESDB returns them); any other id becomes a UUID-shaped SHA-1 of itself (version 5
 * layout), so the same id always gives the same ESDB id and a retry stays idempotent.
 */
export function esdbEventId(id: string): string {
  if (CANONICAL_UUID.test(id)) return id;
  const bytes = createHash('sha1').update(`escalation-engine:event-id:${id}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toEventData(event: NewEvent): EventData {
  const id = esdbEventId(event.id);
  const metadata = id === event.id ? event.metadata : { ...event.metadata, [ORIGINAL_ID_KEY]: event.id };
  // Our data is any JSON value; the client's JSONType is narrower only in its typing (it
  // JSON.stringify-s whatever it gets, and parses it back on read).
  return jsonEvent({ id, type: event.type, data: event.data as JSONType, metadata });
}

/** Events this store owns: user events in the configured streams, never system or link events. */
export function isOwnEvent(
  event: RecordedEvent | undefined,
  prefixes: readonly string[],
): event is RecordedEvent {
  return (
    event !== undefined &&
    !event.type.startsWith('$') &&
    !event.streamId.startsWith('$') &&
    prefixes.some((prefix) => event.streamId.startsWith(prefix))
  );
}

export function toStoredEvent(event: RecordedEvent): StoredEvent {
  const raw = event.metadata;
  const meta =
    raw && !(raw instanceof Uint8Array) && typeof raw === 'object'
      ? { ...(raw as Record<string, unknown>) }
      : {};
  const original = meta[ORIGINAL_ID_KEY];
  delete meta[ORIGINAL_ID_KEY];
  return {
    id: typeof original === 'string' ? original : event.id,
    type: event.type,
    data: event.data,
    metadata: meta as EventMetadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: positionNumber(event.position, `event ${event.id} in ${event.streamId}`),
    // `created` is set by the server (.NET ticks, converted by the client to a Date in ms).
    recordedAt: event.created.toISOString(),
  };
}
