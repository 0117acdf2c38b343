import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { runReadStoreContract } from './read-store.contract';

runReadStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-store-'));
  const opened: SqliteReadStore[] = [];
  return {
    open: async () => {
      opened.push(SqliteReadStore.open(path.join(dir, 'read.db')));
      return opened[opened.length - 1];
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
