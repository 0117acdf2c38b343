import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { SUSPENSION_BOOK, SuspensionBook } from './suspension-book';

/**
 * The engine's suspension book, for everything that times or shows deadlines (escalation, the
 * issue view, the board, /health, the suspension routes). Global, and apart from the routes, so
 * escalation can be built before them.
 */
@Global()
@Module({
  providers: [
    {
      provide: SUSPENSION_BOOK,
      inject: [EVENT_STORE, READ_STORE],
      useFactory: (eventStore: EventStore, readStore: ReadStore) => new SuspensionBook(eventStore, readStore),
    },
  ],
  exports: [SUSPENSION_BOOK],
})
export class SuspensionBookModule {}
