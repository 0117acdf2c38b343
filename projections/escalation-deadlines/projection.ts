import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/projections-runner/projection';
import type { DocumentWriter, ReadStore } from '../../src/read-store/read-store';
import { asIssueEvent } from '../issue-status/evolve-issue-view';
import { evolveDeadlineDoc, type DeadlineDoc } from './deadline-doc';

export const DEADLINES_COLLECTION = 'escalation_deadlines';

/**
 * The deadlines read model: every issue's decider state, flagged `pending` while something on
 * it can still escalate. The reconciler rebuilds the pending escalation checks from it, so
 * losing Redis loses no escalation.
 */
export const escalationDeadlinesProjection: Projection = {
  name: 'escalation-deadlines',
  collections: [{ name: DEADLINES_COLLECTION, indexes: ['pending'] }],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const issueEvent = asIssueEvent(event);
    if (!issueEvent) return;
    const id = issueEvent.data.issueId;
    const before = await docs.get<DeadlineDoc>(DEADLINES_COLLECTION, id);
    const after = evolveDeadlineDoc(before, event);
    if (after && after !== before) await docs.put(DEADLINES_COLLECTION, id, after);
  },
};

/** Every issue that can still escalate, in keyset pages of `pageSize`. */
export async function* pendingDeadlines(readStore: ReadStore, pageSize = 500): AsyncGenerator<DeadlineDoc[]> {
  let cursor: string | null = null;
  do {
    const page: { items: DeadlineDoc[]; nextCursor: string | null } = await readStore.find<DeadlineDoc>(DEADLINES_COLLECTION, {
      where: [{ field: 'pending', op: '=', value: true }],
      orderBy: [],
      limit: pageSize,
      cursor,
    });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

export async function getDeadlineDoc(readStore: ReadStore, issueId: string): Promise<DeadlineDoc | null> {
  return readStore.get<DeadlineDoc>(DEADLINES_COLLECTION, issueId);
}
