import type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage, type EscalationLog } from '../escalation-log';
import { connectionFrom, producerConnectionFrom } from './queue-names';
import { withinRedisDeadline } from './redis-deadline';

export const REDIS_HINT =
  'start one with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no` ' +
  '(Debian/Ubuntu: apt-get install redis-server) or point REDIS_URL at yours';

export const redactUrl = (url: string): string => url.replace(/\/\/([^@/]*)@/, '//***@');

/**
 * The escalation graph's Redis: a plain client (the reconciler's pipelined probes), and the
 * connection options of BullMQ's workers and producers. The engine starts without Redis: the
 * connections retry in the background, and a warning says so if Redis is not there within
 * 2 s. Once the engine stops, nothing reconnects, so no retrying connection keeps a stopped
 * process alive.
 */
export class RedisConnections implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  readonly client: Redis;
  /** For BullMQ workers, whose blocking connection must wait for a lost Redis. */
  readonly forWorkers: ConnectionOptions;
  /** For queue producers, whose commands fail at once while Redis is away. */
  readonly forProducers: ConnectionOptions;
  private stopping = false;

  constructor(
    readonly redisUrl: string,
    private readonly log: EscalationLog,
  ) {
    const stopReconnecting = () => this.stopping;
    this.forWorkers = connectionFrom(redisUrl, stopReconnecting);
    this.forProducers = producerConnectionFrom(redisUrl, stopReconnecting);
    this.client = new Redis(redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (n) => (this.stopping ? null : Math.min(n * 200, 2000)),
    });
    this.client.on('error', (error: Error) =>
      log.noteError(`Redis at ${redactUrl(redisUrl)}: ${error.message}`),
    );
  }

  /** True once the engine stops: connections made from these options stop reconnecting. */
  stopReconnecting(): boolean {
    return this.stopping;
  }

  onApplicationBootstrap(): void {
    // Not awaited: the engine starts without Redis; this only logs if Redis is not ready in 2 s, and never rejects.
    void this.warnIfAway();
  }

  /** The first hook of a shutdown: from here on nothing reconnects. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  /** The last: everything that used the client has stopped. */
  onApplicationShutdown(): void {
    this.client.disconnect();
  }

  private async warnIfAway(): Promise<void> {
    const redis = this.client;
    try {
      const ready = new Promise<void>((resolve) =>
        redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve()),
      );
      await withinRedisDeadline(ready, 'connecting', 2000);
    } catch (error) {
      this.log.logger.warn(
        `Redis is not reachable at ${redactUrl(this.redisUrl)} (${errorMessage(error)}): commands and queries work, but nothing escalates until it is; ${REDIS_HINT}`,
      );
    }
  }
}
