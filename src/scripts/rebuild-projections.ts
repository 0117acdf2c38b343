import 'reflect-metadata';
import { allProjections } from '../../projections';
import { loadConfig } from '../config/app-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { rebuildProjections } from '../projections-runner/rebuild';

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
    const { position, events: count } = await rebuildProjections(
      events,
      readStore,
      allProjections,
      upcastIssueEvent,
    );
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
