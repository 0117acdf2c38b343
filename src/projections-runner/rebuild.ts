import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import { applyEvents } from './apply-events';
import type { Projection } from '../ports/projection';

const BATCH_SIZE = 500;

/**
 * Throws the read models away and replays the whole log into them, e.g. after a projection's
 * logic changed. Stop the running Projectors first: a batch that finds the checkpoint moved
 * by one of them throws CheckpointMovedError.
 * Returns the position reached and how many events were replayed.
 */
export async function rebuildProjections(
  eventStore: EventStore,
  readStore: ReadStore,
  projections: Projection[],
  upcast: (event: StoredEvent) => StoredEvent = (e) => e,
): Promise<{ position: number; events: number }> {
  await readStore.ensureCollections(projections.flatMap((p) => p.collections));
  for (const p of projections)
    await readStore.reset(
      p.name,
      p.collections.map((c) => c.name),
    );

  let position = 0;
  let count = 0;
  for (;;) {
    const batch = await eventStore.readAll({ after: position, maxCount: BATCH_SIZE });
    if (batch.length === 0) break;
    const events = batch.map(upcast);
    const last = events[events.length - 1].position;
    for (const projection of projections) {
      // A projector still running on the same read store makes this fail loudly on the
      // checkpoint's compare-and-set, rather than both writing the same documents.
      await readStore.applyBatch(projection.name, { from: position, to: last }, (docs) =>
        applyEvents(projection, events, docs),
      );
    }
    position = last;
    count += events.length;
  }
  return { position, events: count };
}
