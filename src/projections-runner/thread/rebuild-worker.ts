import { parentPort, workerData } from 'node:worker_threads';
import { allProjections } from '../../../projections';
import type { AppConfig } from '../../config/app-config';
import { openEventStore } from '../../config/open-stores';
import { upcastIssueEvent } from '../../issues/domain/issue-upcasters';
import { SqliteReadStore } from '../../read-store/sqlite-read-store';
import { describeError } from '../../threads/worker-protocol';
import { rebuildProjections } from '../rebuild';
import type { FromRebuildWorker, RebuildWorkerData } from './rebuild-protocol';

/**
 * The second thread of `rebuildInParallel`: its own connection to the log, and a scratch
 * SQLite read store it replays its share of the projections into, without indexes. It says
 * how far it got once that store is closed (its file whole), so the read store can take it.
 */
async function run(): Promise<FromRebuildWorker> {
  const { log, scratchFile, projections } = workerData as RebuildWorkerData;
  const mine = allProjections.filter((p) => projections.includes(p.name));
  const events = await openEventStore(log as AppConfig);
  try {
    const scratch = SqliteReadStore.open(scratchFile);
    try {
      const reached = await rebuildProjections(events, scratch, mine, upcastIssueEvent, { indexes: false });
      return { type: 'done', ...reached };
    } finally {
      await scratch.close();
    }
  } finally {
    await events.close();
  }
}

run().then(
  (message) => parentPort?.postMessage(message),
  (error: unknown) =>
    parentPort?.postMessage({ type: 'failed', error: describeError(error) } satisfies FromRebuildWorker),
);
