import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../event-store/event-store';
import { StateConflictError } from '../../shared-kernel/domain-errors';

/** A UUID-shaped id derived from its inputs, so a retried command produces the same ids. */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version nibble 5 and RFC 4122 variant, so the result is a well-formed UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route} ${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * The events an earlier command with this Idempotency-Key appended to the stream, if any.
 * The key is remembered in the events' own metadata, so the answer survives restarts and
 * needs no table of its own; a key sent with a different request is refused.
 */
export function priorEventsForKey(
  events: StoredEvent[],
  idempotencyKey: string | undefined,
  requestHash: string | undefined,
): StoredEvent[] {
  if (!idempotencyKey) return [];
  const prior = events.filter((event) => event.metadata.idempotencyKey === idempotencyKey);
  if (prior.length > 0 && requestHash && prior[0].metadata.requestHash !== requestHash) {
    throw new StateConflictError(
      `Idempotency-Key "${idempotencyKey}" was already used for a different request; use a new key for a new command`,
    );
  }
  return prior;
}
