/** How long a producer waits for Redis before its batch fails and is retried. */
export const REDIS_DEADLINE_MS = 10_000;

/** Redis did not answer in time (down, restarting, unreachable). */
export class RedisUnavailableError extends Error {
  constructor(what: string, ms: number) {
    const why = ms > 0 ? `Redis did not answer within ${ms / 1000} s` : 'Redis is not connected';
    super(`${what}: ${why}`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * Bounds a queue operation in time. BullMQ waits for its connection to be ready before it
 * sends anything, so without this a reactor batch would wait for a missing Redis forever and
 * hold the event store's subscription (and any shutdown) with it. The operation itself is left
 * to finish if Redis comes back: adding a check twice is harmless.
 */
export async function withinRedisDeadline<T>(
  operation: Promise<T>,
  what: string,
  ms = REDIS_DEADLINE_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(what, ms)), ms);
  });
  operation.catch(() => undefined);
  try {
    return await Promise.race([operation, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a stop at most `ms`: a stop that waits on a missing Redis must not hold the shutdown. */
export async function settleWithin(stop: Promise<unknown>, ms: number): Promise<void> {
  await withinRedisDeadline(stop, 'stopping', ms).catch(() => undefined);
}
