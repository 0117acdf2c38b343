import type { Redis } from 'ioredis';

/** Redis's own count of the bytes its data takes (INFO memory, used_memory). */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) throw new Error('INFO memory from Redis has no used_memory line; is REDIS_URL a Redis server?');
  return Number(match[1]);
}

/** Every key matching `pattern` (a SCAN MATCH glob), page by page: never KEYS, which blocks Redis. */
async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) yield keys;
    cursor = next;
  } while (cursor !== '0');
}

/**
 * The bytes the keys matching `pattern` take (MEMORY USAGE, every nested value sampled). Unlike
 * the used_memory difference it counts only this run's keys, whatever else shares the Redis.
 */
export async function keysMemory(redis: Redis, pattern: string): Promise<{ keys: number; bytes: number }> {
  let keys = 0;
  let bytes = 0;
  for await (const page of scanKeys(redis, pattern)) {
    const pipeline = redis.pipeline();
    for (const key of page) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    for (const [error, usage] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      keys++;
      bytes += Number(usage ?? 0);
    }
  }
  return { keys, bytes };
}

/** Deletes the keys matching `pattern` (SCAN + UNLINK; never FLUSHALL: the Redis may be shared). Answers how many. */
export async function unlinkKeys(redis: Redis, pattern: string): Promise<number> {
  let count = 0;
  for await (const page of scanKeys(redis, pattern)) count += await redis.unlink(...page);
  return count;
}
