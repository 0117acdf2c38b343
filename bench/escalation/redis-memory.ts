import type { Redis } from 'ioredis';
import { scanKeys } from '../../src/escalation/queue/queue-keys';

export { unlinkKeys } from '../../src/escalation/queue/queue-keys';

/** Redis's own count of the bytes its data takes (INFO memory, used_memory). */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) throw new Error('INFO memory from Redis has no used_memory line; is REDIS_URL a Redis server?');
  return Number(match[1]);
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
