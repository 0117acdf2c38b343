/**
 * Errors that mean a store is unreachable for now (connection refused or dropped, server
 * shutting down), as opposed to a bug: the client should retry later, so they answer 503.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'SQLITE_BUSY',
]);

export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // Node, pg and SQLite all give string codes; anything else matches none of the checks below.
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  // PostgreSQL SQLSTATE class 08 (connection exception) and 57P0x (operator intervention).
  if (NETWORK_CODES.has(code) || /^08/.test(code) || /^57P0/.test(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connect ECONNREFUSED|UnavailableError|Failed to connect/i.test(message);
}
