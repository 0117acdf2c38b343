import { Module } from '@nestjs/common';
import { ESCALATION_SETTINGS, type EscalationConfig } from '../config/app-config';
import { EscalationLog } from '../escalation/escalation-log';
import { RedisConnections } from '../escalation/queue/redis-connections';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { Notifications } from './notifications';

/**
 * Webhook notifications of escalations and warnings, on the escalation graph's Redis and
 * queue prefix (imported by `EscalationModule` when escalation is on).
 */
@Module({
  providers: [
    {
      provide: Notifications,
      inject: [ESCALATION_SETTINGS, RedisConnections, EscalationLog, EVENT_STORE, READ_STORE],
      useFactory: (
        settings: EscalationConfig,
        redis: RedisConnections,
        log: EscalationLog,
        eventStore: EventStore,
        readStore: ReadStore,
      ) => {
        const notifications = new Notifications({
          eventStore,
          readStore,
          redisUrl: settings.redisUrl,
          prefix: settings.queuePrefix,
          webhooks: settings.webhooks,
          secret: settings.webhookSecret,
          upcast: upcastIssueEvent,
          logger: log.logger,
          stopReconnecting: () => redis.stopReconnecting(),
        });
        // Without a listener BullMQ prints every connection error itself; the log dedupes them.
        notifications.queue.on('error', (error: Error) =>
          log.noteError(`notification queue: ${error.message}`),
        );
        notifications.worker?.on('error', (error: Error) =>
          log.noteError(`notification worker: ${error.message}`),
        );
        return notifications;
      },
    },
  ],
  exports: [Notifications],
})
export class NotificationsModule {}
