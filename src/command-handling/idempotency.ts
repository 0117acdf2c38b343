import { createHash } from 'node:crypto';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { KeyedAppend } from './aggregate-cache';
import { IdempotencyKeyReusedError } from './command-errors';
import type { DomainEvent, StreamType } from './decider';

/** A UUID-shaped id derived from its inputs, so a retried command produces the same ids. */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version nibble 5 and RFC 4122 variant, so the result is a well-formed UUID.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Fingerprint of a request, kept beside its Idempotency-Key to refuse the key reused for another. */
export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route} ${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * Adds the Idempotency-Keys of `events` (in revision order) to `keys` and answers it. The key
 * is remembered in the events' own metadata, so the answer survives restarts and needs no
 * table of its own; this index spares a replay check from scanning the whole stream.
 */
export function recordKeys(keys: Map<string, KeyedAppend>, events: StoredEvent[]): Map<string, KeyedAppend> {
  for (const { metadata, revision, position } of events) {
    const key = metadata.idempotencyKey;
    if (!key) continue;
    const known = keys.get(key);
    if (known) keys.set(key, { ...known, lastRevision: revision, position });
    else {
      const first = { firstRevision: revision, lastRevision: revision, position };
      keys.set(key, metadata.requestHash ? { requestHash: metadata.requestHash, ...first } : first);
    }
  }
  return keys;
}

/**
 * The events (in today's shapes) an earlier command with this Idempotency-Key appended to the
 * stream, if any, read back from the log by their revisions; a key sent with a different
 * request is refused.
 */
export async function priorEventsForKey(
  store: EventStore,
  streamId: string,
  stream: Pick<StreamType<DomainEvent, unknown>, 'upcast'>,
  keys: ReadonlyMap<string, KeyedAppend>,
  idempotencyKey: string | undefined,
  requestHash: string | undefined,
): Promise<StoredEvent[]> {
  const known = idempotencyKey ? keys.get(idempotencyKey) : undefined;
  if (!idempotencyKey || !known) return [];
  if (requestHash && known.requestHash !== requestHash) throw new IdempotencyKeyReusedError(idempotencyKey);
  const events = await store.readStream(streamId, {
    fromRevision: known.firstRevision,
    maxCount: known.lastRevision - known.firstRevision + 1,
  });
  const prior = events.filter((event) => event.metadata.idempotencyKey === idempotencyKey);
  // The log is append-only: events once read at these revisions are there for good.
  if (prior.length === 0)
    throw new Error(`${streamId}: the events of Idempotency-Key "${idempotencyKey}" are gone`);
  return prior.map((e) => stream.upcast?.(e) ?? e);
}
