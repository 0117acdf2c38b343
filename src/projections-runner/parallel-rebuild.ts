import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { EventStore } from '../event-store/event-store';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import type { Projection } from '../ports/projection';
import type { SqliteReadStore } from '../read-store/sqlite-read-store';
import { spawnWorker } from '../threads/spawn-worker';
import type { WorkerStores } from '../threads/worker-protocol';
import { emptyForRebuild, rebuildProjections, type RebuildOptions } from './rebuild';
import type { FromRebuildWorker, RebuildWorkerData } from './thread/rebuild-protocol';

/**
 * The projections the second thread replays: about half of a rebuild's work (group
 * performance's buckets and trackers, and the deadlines' decider states, against the issue
 * views, the audit index and the rest; docs/benchmarks.md has the split measured).
 */
export const SECOND_THREAD_PROJECTIONS: readonly string[] = ['group-performance', 'escalation-deadlines'];

export interface ParallelRebuild {
  events: EventStore;
  readStore: SqliteReadStore;
  /** Where the second thread opens the same log. */
  log: WorkerStores;
  /** The scratch file the second thread writes; deleted afterwards. */
  scratchFile: string;
  projections: Projection[];
  onBatch?: RebuildOptions['onBatch'];
}

/**
 * `rebuildProjections` on both cores of a SQLite read store: a rebuild is one thread's CPU
 * (folding, serialising, SQLite's inserts), and SQLite takes one writer per file, so a worker
 * thread replays some of the projections (`SECOND_THREAD_PROJECTIONS`) into a scratch file
 * while this thread replays the others into the read store; then the read store takes the
 * scratch file's rows in one transaction (`SqliteReadStore.adoptRebuilt`: rows copied as
 * stored, nothing parsed) and builds their indexes. Both replay the same log with the same
 * upcaster, so the read models are the ones a rebuild on one thread makes.
 *
 * If either thread fails, the error is thrown and the second thread's projections are left
 * empty at checkpoint 0: the projector replays them when the engine starts.
 */
export async function rebuildInParallel(
  rebuild: ParallelRebuild,
): Promise<{ position: number; events: number }> {
  const { events, readStore, projections, scratchFile } = rebuild;
  const there = projections.filter((p) => SECOND_THREAD_PROJECTIONS.includes(p.name));
  const here = projections.filter((p) => !SECOND_THREAD_PROJECTIONS.includes(p.name));
  const options = { onBatch: rebuild.onBatch };
  if (there.length === 0 || here.length === 0)
    return rebuildProjections(events, readStore, projections, upcastIssueEvent, options);

  // Emptied here too, so nothing stale answers until the worker's rows are taken.
  const thereSpecs = await emptyForRebuild(readStore, there);
  removeScratch(scratchFile);
  try {
    const worker = spawnWorker(path.join(__dirname, 'thread', 'rebuild-worker'), {
      log: rebuild.log,
      scratchFile,
      projections: there.map((p) => p.name),
    } satisfies RebuildWorkerData);
    const replayedThere = outcome(worker);
    // Awaited only once this thread is done: a failure before then must not go unhandled.
    replayedThere.catch(() => undefined);
    const replayedHere = await rebuildProjections(events, readStore, here, upcastIssueEvent, options).catch(
      async (error: unknown) => {
        await worker.terminate();
        throw error;
      },
    );
    const reachedThere = await replayedThere;
    // The same log, unchanged meanwhile (the engine is stopped for a rebuild): both at its end.
    if (reachedThere.position !== replayedHere.position)
      throw new Error(
        `the rebuild's second thread replayed the log to position ${reachedThere.position}, this thread to ${replayedHere.position}: not the same log, or it grew meanwhile`,
      );
    await readStore.adoptRebuilt(
      scratchFile,
      there.map((p) => ({ name: p.name, collections: p.collections.map((c) => c.name) })),
    );
    return replayedHere;
  } finally {
    await readStore.ensureCollections(thereSpecs);
    removeScratch(scratchFile);
  }
}

/** What the worker replayed to, once it has closed its scratch store; its failure, or its exit without a word, as an error. */
function outcome(worker: Worker): Promise<{ position: number; events: number }> {
  return new Promise((resolve, reject) => {
    let told = false;
    worker.once('message', (message: FromRebuildWorker) => {
      told = true;
      if (message.type === 'done') resolve({ position: message.position, events: message.events });
      else reject(new Error(`the rebuild's second thread failed: ${message.error}`));
    });
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => {
      if (!told) reject(new Error(`the rebuild's second thread exited (code ${code}) before it finished`));
    });
  });
}

function removeScratch(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}
