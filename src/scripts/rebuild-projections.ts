import 'reflect-metadata';
import * as path from 'node:path';
import { allProjections } from '../../projections';
import { loadConfig } from '../config/app-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { rebuildInParallel } from '../projections-runner/parallel-rebuild';
import { rebuildProjections } from '../projections-runner/rebuild';
import { SqliteReadStore } from '../read-store/sqlite-read-store';
import { workerStores } from '../threads/worker-protocol';

/**
 * `npm run projections:rebuild`: throws every read model away and replays the whole log into
 * it. Stop the engine first; it runs the same projections and would write alongside.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const events = await openEventStore(config);
  const readStore = await openReadStore(config);
  const started = Date.now();
  try {
    // On the embedded read store both cores replay (rebuildInParallel); PostgreSQL takes one thread.
    const { position, events: count } =
      readStore instanceof SqliteReadStore
        ? await rebuildInParallel({
            events,
            readStore,
            log: workerStores(config),
            scratchFile: path.join(config.dataDir, 'read-models.rebuilding.db'),
            projections: allProjections,
          })
        : await rebuildProjections(events, readStore, allProjections, upcastIssueEvent);
    console.log(
      `rebuilt ${allProjections.map((p) => p.name).join(', ')} from ${count} events ` +
        `(log position ${position}) in ${Date.now() - started} ms (event store: ${config.eventStore}, read store: ${config.readStore})`,
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
