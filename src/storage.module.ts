import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import * as path from 'node:path';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EVENT_STORE, type EventStore } from './event-store/event-store';
import { SqliteEventStore } from './event-store/sqlite-event-store';
import { READ_STORE, type ReadStore } from './read-store/read-store';
import { SqliteReadStore } from './read-store/sqlite-read-store';

/**
 * The stores this process uses: the event log and the read models. The embedded default
 * keeps both as SQLite files under DATA_DIR (events.db, read-models.db).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<EventStore> | EventStore =>
        SqliteEventStore.open(path.join(config.dataDir, 'events.db')),
    },
    {
      provide: READ_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<ReadStore> | ReadStore =>
        SqliteReadStore.open(path.join(config.dataDir, 'read-models.db')),
    },
  ],
  exports: [EVENT_STORE, READ_STORE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
    await this.events.close();
  }
}
