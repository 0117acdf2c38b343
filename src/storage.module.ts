import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from './event-store/event-store';
import type { ProjectionLease } from './projections-runner/projection-lease';
import { PROJECTION_LEASE } from './projections-runner/projection-lease.token';
import { READ_STORE, type ReadStore } from './ports/read-store';

/** The stores this process uses, opened before Nest starts (see `openStores`). */
export interface Stores {
  eventStore: EventStore;
  readStore: ReadStore;
  lease: ProjectionLease;
}

/** Provides the opened stores to the app and closes them when it shuts down. */
@Module({})
export class StorageModule implements OnApplicationShutdown {
  static forStores(stores: Stores): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useValue: stores.eventStore },
        { provide: READ_STORE, useValue: stores.readStore },
        { provide: PROJECTION_LEASE, useValue: stores.lease },
      ],
      exports: [EVENT_STORE, READ_STORE, PROJECTION_LEASE],
    };
  }

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
    await this.events.close();
  }
}
