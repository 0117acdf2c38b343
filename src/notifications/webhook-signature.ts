import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The headers a webhook delivery carries. A receiver recomputes the signature over
 * `<X-Escalation-Timestamp>.<raw body>` with the shared secret; signing the timestamp too
 * lets it refuse an old delivery replayed by someone who captured it.
 */
export const WEBHOOK_HEADERS = {
  signature: 'X-Escalation-Signature',
  timestamp: 'X-Escalation-Timestamp',
  eventId: 'X-Escalation-Event-Id',
  eventType: 'X-Escalation-Event-Type',
} as const;

const SCHEME = 'sha256=';

/**
 * The signature header value: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 * @param timestamp unix seconds, as sent in X-Escalation-Timestamp
 * @param body the exact bytes sent, before any parsing
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return SCHEME + createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * Whether `header` is the signature of this timestamp and body. Compared in constant time,
 * so a forger cannot learn the right signature byte by byte from response times.
 * Checking that the timestamp is recent is the receiver's policy, not done here.
 */
export function verifyWebhook(
  secret: string,
  timestamp: string,
  body: string,
  header: string | null | undefined,
): boolean {
  if (typeof header !== 'string' || !header.startsWith(SCHEME)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'utf8');
  const given = Buffer.from(header, 'utf8');
  // timingSafeEqual throws on different lengths; a length mismatch is simply "no".
  return given.length === expected.length && timingSafeEqual(given, expected);
}
