import { createHash } from 'node:crypto';
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
 * The event log every engine of one deployment shares, which no other deployment has: what a
 * default queue prefix is derived from.
 */
export type DeploymentLog =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; databaseUrl: string; schema: string }
  | { kind: 'eventstoredb'; connectionString: string };

/**
 * The log as text an operator may read in the start log: host, port, database and schema for
 * PostgreSQL, the file for SQLite, the connection string for EventStoreDB; never a user name
 * or password, so a changed password keeps the prefix.
 */
export function describeDeploymentLog(log: DeploymentLog): string {
  switch (log.kind) {
    case 'sqlite':
      return `sqlite ${log.file}`;
    case 'postgres':
      return `postgres ${postgresTarget(log.databaseUrl)} schema ${log.schema}`;
    case 'eventstoredb':
      return `eventstoredb ${withoutCredentials(log.connectionString)}`;
    default: {
      const unknown: never = log;
      throw new Error(`unknown event store ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The queue prefix when ESCALATION_QUEUE_PREFIX is not set: `engine-` and the first 12 hex
 * digits of the SHA-256 of the deployment's log, so engines of one deployment meet in one
 * set of queues and a fresh engine on a shared Redis never takes another deployment's checks.
 */
export function defaultQueuePrefix(log: DeploymentLog): string {
  const digest = createHash('sha256').update(describeDeploymentLog(log)).digest('hex');
  return `engine-${digest.slice(0, 12)}`;
}

/** `host:port/database` of a PostgreSQL URL, the defaults spelled out as libpq applies them. */
function postgresTarget(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // The key=value form: its words, less the password, in a stable order.
    return databaseUrl
      .split(/\s+/)
      .filter((word) => word !== '' && !/^(password|user)=/i.test(word))
      .sort()
      .join(' ');
  }
  // A socket folder may come as ?host=/run/postgresql.
  const host = (url.searchParams.get('host') ?? url.hostname).toLowerCase() || 'localhost';
  const port = url.searchParams.get('port') ?? (url.port || '5432');
  const database =
    decodeURIComponent(url.pathname.replace(/^\//, '')) ||
    url.searchParams.get('dbname') ||
    decodeURIComponent(url.username) ||
    'postgres';
  return `${host}:${port}/${database}`;
}

const withoutCredentials = (connectionString: string): string =>
  connectionString.replace(/\/\/[^@/]*@/, '//');

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
