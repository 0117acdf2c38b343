import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { CollectionSpec, ReadStore } from '../ports/read-store';
import { RebuildCache } from './rebuild-cache';
import type { Projection } from '../ports/projection';

/**
 * Events per read. Small: one page's events and the documents they make are garbage soon
 * after (young-generation collections stay cheap); documents that live on are kept by the
 * cache across pages.
 */
const PAGE_SIZE = 1000;

/**
 * Events per transaction. Large: a commit rewrites the pages the previous one left half full
 * (the tables' and primary keys' last pages, the issues'), and its WAL checkpoints.
 */
const TRANSACTION_SIZE = 50_000;

/**
 * Documents the cache keeps between pages before it writes and drops the oldest. Enough for
 * the issues in flight at once; more made every young-generation collection copy documents
 * that were done with (at 50,000, scavenges took three times as long).
 */
const CACHE_CAPACITY = 5_000;

export interface RebuildOptions {
  /** Events per read. @defaultValue 1000 */
  batchSize?: number;
  /** Events per transaction (at least one page). @defaultValue 50000 */
  transactionSize?: number;
  /** Documents kept between pages (see `RebuildCache`). @defaultValue 5000 */
  cacheCapacity?: number;
  /**
   * Told after each page of events applied (a progress line, the benchmark's per-stretch
   * rate); its documents commit with the transaction holding it.
   */
  onBatch?: (progress: { position: number; events: number }) => void;
  /**
   * Builds the indexes at the end. @defaultValue true; false for a scratch store whose
   * documents another store takes (`rebuildInParallel`), which builds its own.
   */
  indexes?: boolean;
}

/**
 * Empties the projections' collections and checkpoints, and drops their indexes (built again
 * once the documents are in); gives their collections.
 */
export async function emptyForRebuild(
  readStore: ReadStore,
  projections: Projection[],
): Promise<CollectionSpec[]> {
  const specs = projections.flatMap((p) => p.collections);
  await readStore.ensureCollections(specs);
  for (const p of projections)
    await readStore.reset(
      p.name,
      p.collections.map((c) => c.name),
    );
  await readStore.dropIndexes(specs);
  return specs;
}

/**
 * Throws the read models away and replays the whole log into them, e.g. after a projection's
 * logic changed. Stop the running Projectors first: a transaction that finds the checkpoint
 * moved by one of them throws CheckpointMovedError.
 *
 * Loaded the way a bulk load should be: the indexes are dropped first and built once at the
 * end (keeping every index current row by row cost more than the documents themselves);
 * every projection commits in one long transaction with its checkpoint, many pages of events
 * each; and documents are written once per transaction, not once per page (`RebuildCache`).
 * Returns the position reached and how many events were replayed.
 */
export async function rebuildProjections(
  eventStore: EventStore,
  readStore: ReadStore,
  projections: Projection[],
  upcast: (event: StoredEvent) => StoredEvent = (e) => e,
  options: RebuildOptions = {},
): Promise<{ position: number; events: number }> {
  const specs = await emptyForRebuild(readStore, projections);

  const pageSize = options.batchSize ?? PAGE_SIZE;
  const transactionSize = options.transactionSize ?? TRANSACTION_SIZE;
  const cache = new RebuildCache(
    options.cacheCapacity ?? CACHE_CAPACITY,
    specs.map((s) => s.name),
  );
  const read = (after: number) => eventStore.readAll({ after, maxCount: pageSize });
  let position = 0;
  let count = 0;
  try {
    // Read ahead of the transaction: an empty log opens none, and writes no checkpoint.
    let page = await read(position);
    while (page.length > 0) {
      // A projector still running on the same read store makes this fail loudly on the
      // checkpoints' compare-and-set, rather than both writing the same documents.
      let reached = position;
      let applied = 0;
      await readStore.applyOpenBatches(
        projections.map((p) => ({ projection: p.name, from: position })),
        async (store) => {
          const docs = cache.begin(store);
          do {
            const events = page.map(upcast);
            for (const projection of projections)
              for (const event of events) await projection.handle(event, docs);
            await cache.endPage();
            reached = events[events.length - 1].position;
            applied += events.length;
            options.onBatch?.({ position: reached, events: count + applied });
            page = await read(reached);
          } while (page.length > 0 && applied < transactionSize);
          await cache.endTransaction();
          return reached;
        },
      );
      position = reached;
      count += applied;
    }
  } finally {
    // Also after a failed batch: the queries need their indexes whatever happened.
    await readStore.ensureCollections(
      options.indexes === false ? specs.map(({ name }) => ({ name })) : specs,
    );
  }
  return { position, events: count };
}
