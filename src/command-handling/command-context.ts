/** What the transport knows about a command besides the command itself. */
export interface CommandContext {
  /** Who sends it: a username, `key:<id>` for an API key, `system:<component>` for automation. */
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** The HTTP Idempotency-Key: a retry with the same key returns the first answer. */
  idempotencyKey?: string;
  /** Fingerprint of the request carrying the key, to refuse the key reused for another one. */
  requestHash?: string;
  /** The HTTP If-Match revision: fail with 409 unless the stream is exactly there. */
  expectedRevision?: number;
  /** More facts for every appended event's metadata (e.g. the actor's role and district). */
  metadata?: Record<string, unknown>;
}
