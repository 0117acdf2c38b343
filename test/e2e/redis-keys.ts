import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let counter = 0;
/** A queue prefix no other test (or CI run) uses, so tests share one Redis without meeting. */
export const freshQueuePrefix = (label = 'e2e'): string => `test-${label}-${process.pid}-${Date.now().toString(36)}-${counter++}`;

/** Removes every key under a test's queue prefix (never FLUSHALL: other runs share this Redis). */
export async function deleteQueueKeys(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
