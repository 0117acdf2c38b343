/** Where a connection string points, without its password, for messages and logs. */
export function redactedTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Not a URL (e.g. key=value form): say nothing rather than risk printing a password.
    return '(the configured PostgreSQL connection string)';
  }
}

/**
 * The error a process gets at start when the read store's PostgreSQL cannot be reached:
 * what failed, where, why, and how to fix it, so an operator does not need the stack.
 */
export function readStoreConnectError(connectionString: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
  const code = (cause as { code?: unknown })?.code;
  return new Error(
    `PostgreSQL read store: cannot connect to ${redactedTarget(connectionString)} ` +
      `(${reason}${typeof code === 'string' && !reason.includes(code) ? `, ${code}` : ''}). ` +
      'Start PostgreSQL or fix DATABASE_URL, or set READ_STORE=sqlite to keep the read models in the embedded store.',
    { cause },
  );
}
