import { Redis } from 'ioredis';

/** Every key matching `pattern` (a SCAN MATCH glob), page by page: never KEYS, which blocks Redis. */
export async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) yield keys;
    cursor = next;
  } while (cursor !== '0');
}

/** Deletes the keys matching `pattern` (SCAN + UNLINK; never FLUSHALL: the Redis may be shared). Answers how many. */
export async function unlinkKeys(redis: Redis, pattern: string): Promise<number> {
  let count = 0;
  for await (const page of scanKeys(redis, pattern)) count += await redis.unlink(...page);
  return count;
}

/**
 * Removes every queue key of one deployment's prefix: what a test or a benchmark engine leaves
 * behind, so the next engine on the default prefix never meets checks of issues it lacks.
 */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    return await unlinkKeys(redis, `${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}
