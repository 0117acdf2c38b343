import type { StoredEvent } from '../event-store/event-store';
import type { Doc, DocumentWriter } from '../ports/read-store';
import type { Projection } from '../ports/projection';

/**
 * Applies a batch of events to one projection through a write-behind cache: a document read
 * or written twice in the batch (an issue's doc, a district's period buckets) costs one read
 * and one write instead of one round trip per event. Safe because a batch runs in one
 * transaction with one writer, and nothing reads the documents back until it commits.
 */
export async function applyEvents(
  projection: Projection,
  events: StoredEvent[],
  docs: DocumentWriter,
): Promise<void> {
  const cache = new Map<string, { collection: string; id: string; doc: Doc | null; dirty: boolean }>();
  const key = (collection: string, id: string) => `${collection}\u0000${id}`;
  const cached: DocumentWriter = {
    async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
      const hit = cache.get(key(collection, id));
      if (hit) return hit.doc as T | null;
      const doc = await docs.get<T>(collection, id);
      cache.set(key(collection, id), { collection, id, doc, dirty: false });
      return doc;
    },
    async put(collection: string, id: string, doc: Doc): Promise<void> {
      cache.set(key(collection, id), { collection, id, doc, dirty: true });
    },
    async delete(collection: string, id: string): Promise<void> {
      cache.set(key(collection, id), { collection, id, doc: null, dirty: true });
    },
  };
  for (const event of events) await projection.handle(event, cached);
  for (const entry of cache.values()) {
    if (!entry.dirty) continue;
    if (entry.doc === null) await docs.delete(entry.collection, entry.id);
    else await docs.put(entry.collection, entry.id, entry.doc);
  }
}
