import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';

const FIX = 'Start EventStoreDB (docker compose up -d eventstore) or set EVENT_STORE=sqlite.';

/** The host(s) a connection string points at, never its user name or password. */
export function esdbTarget(connectionString: string): string {
  const match = /^[a-z+]+:\/\/(?:[^@/?]*@)?([^/?]+)/i.exec(connectionString.trim());
  return match ? match[1] : '(an unparsable EventStoreDB connection string)';
}

/** Errors that mean "the server could not be talked to", as opposed to "it said no". */
export function isConnectionError(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  );
}

/**
 * The error a process gets at start when EventStoreDB cannot be used: what, where, why, and
 * how to fix it, so an operator does not need the stack.
 */
export function esdbConnectError(connectionString: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
  const hint =
    cause instanceof AccessDeniedError
      ? ' The user in the connection string needs read access to $all (an admin or ops user).'
      : '';
  return new Error(
    `EventStoreDB: cannot use the server at ${esdbTarget(connectionString)} (${reason}).${hint} ${FIX}`,
    {
      cause,
    },
  );
}

/** Resolves like `work`, or rejects after `ms` with a timeout that says what it waited for. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
