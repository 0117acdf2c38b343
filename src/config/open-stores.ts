import * as path from 'node:path';
import type { EventStore } from '../event-store/event-store';
import { ALL_IDENTITY_STREAM_PREFIXES } from '../identity/domain/identity-streams';
import { EventStoreDbEventStore } from '../event-store/eventstoredb-event-store';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { alwaysHeldLease, postgresLease, type ProjectionLease } from '../projections-runner/projection-lease';
import { PostgresReadStore } from '../read-store/postgres-read-store';
import type { ReadStore } from '../ports/read-store';
import { SqliteReadStore } from '../read-store/sqlite-read-store';
import type { Stores } from '../storage.module';
import type { AppConfig } from './app-config';

/**
 * Opens the configured event store. Each adapter fails fast with a message that says what
 * could not be reached, where, and how to fix it; once running, adapters retry on their own.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      return SqliteEventStore.open(path.join(config.dataDir, 'events.db'));
    case 'postgres':
      return PostgresEventStore.connect({
        connectionString: config.databaseUrl,
        schema: config.databaseSchema,
      });
    case 'eventstoredb':
      return EventStoreDbEventStore.connect({
        connectionString: config.eventStoreDbUrl!,
        // The log is the issues' streams and the identity ones (users, keys, sign-ins, signing key).
        streamPrefix: ['issue-', ...ALL_IDENTITY_STREAM_PREFIXES],
      });
  }
}

export async function openReadStore(config: AppConfig): Promise<ReadStore> {
  switch (config.readStore) {
    case 'sqlite':
      return SqliteReadStore.open(path.join(config.dataDir, 'read-models.db'));
    case 'postgres':
      return PostgresReadStore.connect({
        connectionString: config.databaseUrl,
        schema: config.databaseSchema,
      });
  }
}

/**
 * Who runs the projections. With a shared PostgreSQL read store several engine processes
 * compete for one advisory lock and the holder applies; the embedded store has one process.
 */
export function projectionLease(config: AppConfig): ProjectionLease {
  return config.readStore === 'postgres'
    ? postgresLease(config.databaseUrl, `projections:${config.databaseSchema}`)
    : alwaysHeldLease();
}

/**
 * Opens everything before the application starts, so an unreachable store stops the start
 * with its own one-line message instead of a dependency-injection stack trace.
 */
export async function openStores(config: AppConfig): Promise<Stores> {
  const eventStore = await openEventStore(config);
  try {
    return { eventStore, readStore: await openReadStore(config), lease: projectionLease(config) };
  } catch (error) {
    await eventStore.close();
    throw error;
  }
}

/** Closes what `openStores` opened (a start that failed after it): the read store, the lease, the log. */
export async function closeStores(stores: Stores): Promise<void> {
  await stores.readStore.close();
  await stores.lease.release();
  await stores.eventStore.close();
}
