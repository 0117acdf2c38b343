/** What the transport knows about a command besides the command itself. */
export interface CommandContext {
  /** Who sends it (the body's person field: reportedBy, convenedBy, verifiedBy, ...). */
  actor: string;
  correlationId: string;
  causationId: string | null;
  /** The HTTP Idempotency-Key: a retry with the same key returns the first answer. */
  idempotencyKey?: string;
  /** Fingerprint of the request carrying the key, to refuse the key reused for another one. */
  requestHash?: string;
  /** The HTTP If-Match revision: fail with 409 unless the stream is exactly there. */
  expectedRevision?: number;
}
