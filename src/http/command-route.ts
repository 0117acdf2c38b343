import type { CommandContext } from '../command-handling/command-context';
import { deterministicId, requestFingerprint } from '../command-handling/idempotency';
import { actorMetadata, type Principal } from '../identity/auth/principal';
import { parseCommandHeaders, type CommandHeaders } from './request-headers';
import { timeOrderedId } from '../command-handling/time-ordered-id';

export type RawHeaders = Record<string, string | string[] | undefined>;

/** What a command route knows before it decides: the parsed headers and the command context. */
export interface CommandRequest {
  headers: CommandHeaders;
  context: CommandContext;
}

/**
 * The command context of one HTTP request (shared/API.md, API-identity.md "Who did it"): the
 * signed-in principal as the actor, with its role and district for every appended event's
 * metadata; Idempotency-Key (with the request's fingerprint, so the key cannot be reused for
 * another request), If-Match, correlation and causation ids.
 */
export function commandContext(
  headers: CommandHeaders,
  principal: Principal,
  request: { method: string; route: string; body: unknown },
): CommandContext {
  return {
    actor: principal.actor,
    metadata: actorMetadata(principal),
    correlationId: headers.correlationId,
    causationId: headers.causationId,
    idempotencyKey: headers.idempotencyKey,
    requestHash: headers.idempotencyKey
      ? requestFingerprint(request.method, request.route, request.body)
      : undefined,
    expectedRevision: headers.expectedRevision,
  };
}

/** The parsed headers of a command request and its context, sent as `principal`. */
export function commandRequest(
  raw: RawHeaders,
  principal: Principal,
  request: { method: string; route: string; body: unknown },
): CommandRequest {
  const headers = parseCommandHeaders(raw);
  return { headers, context: commandContext(headers, principal, request) };
}

/** The id of a new thing (entry, practice, review, appeal); derived from the Idempotency-Key when given. */
export const newId = (headers: CommandHeaders, ...scope: string[]): string =>
  headers.idempotencyKey ? deterministicId(...scope, headers.idempotencyKey) : timeOrderedId();

/** Business time from the body, defaulting to now; the decider checks it is plausible. */
export const commandMetadata = (now: Date, occurredAt: string | undefined) => ({
  now,
  occurredAt: occurredAt ? new Date(occurredAt) : now,
});
