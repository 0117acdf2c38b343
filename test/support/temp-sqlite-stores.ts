import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../../src/event-store/sqlite-event-store';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';

/** A real SQLite event log and read store, as the engine lays them out, in a fresh temp folder. */
export interface TempSqliteStores {
  dir: string;
  events: SqliteEventStore;
  reads: SqliteReadStore;
  /** Closes both stores and removes the folder. */
  close(): Promise<void>;
}

/** Opens them for one test: call in `beforeEach`, and `close` in `afterEach`. */
export function openTempSqliteStores(prefix: string, options?: SqliteEventStoreOptions): TempSqliteStores {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const events = SqliteEventStore.open(path.join(dir, 'events.db'), options);
  const reads = SqliteReadStore.open(path.join(dir, 'read-models.db'));
  return {
    dir,
    events,
    reads,
    close: async () => {
      await events.close();
      await reads.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
