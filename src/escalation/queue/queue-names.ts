import type { ConnectionOptions } from 'bullmq';

/**
 * The BullMQ queues of automatic escalation. Every key lives under the configured prefix
 * (ESCALATION_QUEUE_PREFIX), so engines of different deployments, or tests, can share one
 * Redis without seeing each other's jobs.
 */
export const QUEUE_NAMES = {
  /** Delayed escalation and warning checks, one job per (issue, item, level, due time). */
  checks: 'escalation-checks',
  /** Webhook deliveries, one job per (event, receiver). */
  notifications: 'escalation-notifications',
} as const;

/** Where the queues live: a Redis URL and the key prefix. */
export interface QueueSettings {
  redisUrl: string;
  prefix: string;
}

/**
 * BullMQ connection options from a redis:// URL. `maxRetriesPerRequest: null` is what BullMQ
 * workers require; commands wait for a lost Redis to come back instead of failing.
 */
export function connectionFrom(
  redisUrl: string,
  stopReconnecting: () => boolean = () => false,
): ConnectionOptions {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  }
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    ...(url.protocol === 'rediss:' && { tls: {} }),
    maxRetriesPerRequest: null,
    // Reconnect for as long as the engine runs (Redis may come back), never after it stops:
    // a connection still retrying would keep a stopped engine's process alive.
    retryStrategy: (attempt: number) => (stopReconnecting() ? null : Math.min(attempt * 200, 2000)),
  };
}

/**
 * Connection options for queue producers (adding checks and notifications, the reconciler's
 * probes): a command fails at once while Redis is away instead of waiting for it, so the
 * reactor's batch fails and is retried with backoff, and a shutdown never waits on Redis.
 * (Workers keep `connectionFrom`: BullMQ requires their blocking connection to wait.)
 */
export function producerConnectionFrom(
  redisUrl: string,
  stopReconnecting?: () => boolean,
): ConnectionOptions {
  return {
    ...connectionFrom(redisUrl, stopReconnecting),
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  };
}
