import type { CommandContext } from '../command-handling/command-context';
import { requestFingerprint } from '../command-handling/idempotency';
import { deterministicId } from '../command-handling/idempotency';
import { parseCommandHeaders, type CommandHeaders } from '../issues/http/request-headers';
import { randomUUID } from 'node:crypto';

export type RawHeaders = Record<string, string | string[] | undefined>;

/** What a command route knows before it decides: the parsed headers and the command context. */
export interface CommandRequest {
  headers: CommandHeaders;
  context: CommandContext;
}

/**
 * The command context of one HTTP request (shared/API.md): Idempotency-Key (with the request's
 * fingerprint, so the key cannot be reused for another request), If-Match, correlation and
 * causation ids, and who acts. Until sign-in lands, the actor is the body's person field.
 */
export function commandRequest(
  raw: RawHeaders,
  actor: string,
  request: { method: string; route: string; body: unknown },
): CommandRequest {
  const headers = parseCommandHeaders(raw);
  return {
    headers,
    context: {
      actor,
      correlationId: headers.correlationId,
      causationId: headers.causationId,
      idempotencyKey: headers.idempotencyKey,
      requestHash: headers.idempotencyKey
        ? requestFingerprint(request.method, request.route, request.body)
        : undefined,
      expectedRevision: headers.expectedRevision,
    },
  };
}

/** The id of a new thing (entry, practice, review, appeal); derived from the Idempotency-Key when given. */
export const newId = (headers: CommandHeaders, ...scope: string[]): string =>
  headers.idempotencyKey ? deterministicId(...scope, headers.idempotencyKey) : randomUUID();

/** Business time from the body, defaulting to now; the decider checks it is plausible. */
export const commandMetadata = (now: Date, occurredAt: string | undefined) => ({
  now,
  occurredAt: occurredAt ? new Date(occurredAt) : now,
});
