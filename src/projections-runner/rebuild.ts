import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { applyEvents } from './apply-events';
import type { Projection } from '../ports/projection';

/**
 * Events per read and per transaction. Large: a document touched many times in a batch
 * (a district's period bucket, an issue's view) is read, parsed, written once per batch,
 * and the commit and its page writes are shared by every event in it.
 */
const BATCH_SIZE = 10_000;

export interface RebuildOptions {
  /** @defaultValue 10000 */
  batchSize?: number;
  /** Told after each committed batch (a progress line, the benchmark's per-stretch rate). */
  onBatch?: (progress: { position: number; events: number }) => void;
}

/**
 * Throws the read models away and replays the whole log into them, e.g. after a projection's
 * logic changed. Stop the running Projectors first: a batch that finds the checkpoint moved
 * by one of them throws CheckpointMovedError.
 *
 * Loaded the way a bulk load should be: the indexes are dropped first and built once at the
 * end (keeping every index current row by row cost more than the documents themselves), and
 * every projection of a batch commits in one transaction with its checkpoint.
 * Returns the position reached and how many events were replayed.
 */
export async function rebuildProjections(
  eventStore: EventStore,
  readStore: ReadStore,
  projections: Projection[],
  upcast: (event: StoredEvent) => StoredEvent = (e) => e,
  options: RebuildOptions = {},
): Promise<{ position: number; events: number }> {
  const specs = projections.flatMap((p) => p.collections);
  await readStore.ensureCollections(specs);
  for (const p of projections)
    await readStore.reset(
      p.name,
      p.collections.map((c) => c.name),
    );
  await readStore.dropIndexes(specs);

  let position = 0;
  let count = 0;
  try {
    for (;;) {
      const batch = await eventStore.readAll({ after: position, maxCount: options.batchSize ?? BATCH_SIZE });
      if (batch.length === 0) break;
      const events = batch.map(upcast);
      const last = events[events.length - 1].position;
      // A projector still running on the same read store makes this fail loudly on the
      // checkpoints' compare-and-set, rather than both writing the same documents.
      await readStore.applyBatches(
        projections.map((p) => ({ projection: p.name, from: position, to: last })),
        async (docs) => {
          for (const projection of projections) await applyEvents(projection, events, docs);
        },
      );
      position = last;
      count += events.length;
      options.onBatch?.({ position, events: count });
    }
  } finally {
    // Also after a failed batch: the queries need their indexes whatever happened.
    await readStore.ensureCollections(specs);
  }
  return { position, events: count };
}
