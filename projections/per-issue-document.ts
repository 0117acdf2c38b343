import type { StoredEvent } from '../src/event-store/event-store';
import { issueIdOf } from '../src/issues/domain/stored-issue-event';
import type { Doc, DocumentWriter } from '../src/ports/read-store';

/**
 * The `handle` of a projection keeping one document per issue, folded by a pure `evolve`:
 * load the issue's document, evolve it with the event, store it when it changed. Events of no
 * issue, and events the evolve function ignores (it returns the same document), write nothing.
 */
export function perIssueDocument<T extends Doc>(
  collection: string,
  evolve: (doc: T | null, event: StoredEvent) => T | null,
): (event: StoredEvent, docs: DocumentWriter) => Promise<void> {
  return async (event, docs) => {
    const issueId = issueIdOf(event);
    if (issueId === null) return;
    const before = await docs.get<T>(collection, issueId);
    const after = evolve(before, event);
    if (after && after !== before) await docs.put(collection, issueId, after);
  };
}
