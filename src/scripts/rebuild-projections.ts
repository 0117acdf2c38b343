import 'reflect-metadata';
import * as path from 'node:path';
import { allProjections } from '../../projections';
import { loadConfig } from '../config/app-config';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { rebuildProjections } from '../projections-runner/rebuild';
import { SqliteReadStore } from '../read-store/sqlite-read-store';

/**
 * `npm run projections:rebuild`: throws every read model away and replays the whole log into
 * it. Stop the engine first; it runs the same projections and would write alongside.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const events = SqliteEventStore.open(path.join(config.dataDir, 'events.db'));
  const readStore = SqliteReadStore.open(path.join(config.dataDir, 'read-models.db'));
  const started = Date.now();
  try {
    const { position, events: count } = await rebuildProjections(events, readStore, allProjections, upcastIssueEvent);
    console.log(
      `rebuilt ${allProjections.map((p) => p.name).join(', ')} from ${count} events ` +
        `(log position ${position}) in ${Date.now() - started} ms, in ${config.dataDir}`,
    );
  } finally {
    await readStore.close();
    await events.close();
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
