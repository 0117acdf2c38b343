import type { StoredEvent } from '../event-store/event-store';
import type { CollectionSpec, DocumentWriter } from './read-store';

/**
 * A projection, defined in the top-level `projections/` folder: a name (its checkpoint key),
 * the collections it owns, and how one event changes its documents. The document logic
 * itself lives in pure `evolve` functions; `handle` only loads, evolves and stores.
 * `handle` must be deterministic in the event alone (no clock reads), so a rebuild from
 * zero yields identical read models. The runner (`src/projections-runner/`) is handed the
 * projections by the app and knows them only through this port.
 */
export interface Projection {
  name: string;
  collections: CollectionSpec[];
  handle(event: StoredEvent, docs: DocumentWriter): Promise<void>;
}
