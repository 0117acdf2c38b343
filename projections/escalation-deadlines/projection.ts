import { perIssueDocument } from '../per-issue-document';
import type { Projection } from '../../src/ports/projection';
import type { ReadStore } from '../../src/ports/read-store';
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
  handle: perIssueDocument<DeadlineDoc>(DEADLINES_COLLECTION, evolveDeadlineDoc),
};

/**
 * Every issue that can still escalate, in keyset pages of `pageSize` in id order. The filter
 * is "not false" rather than "= true" on purpose: an equality on the indexed `pending` field
 * makes SQLite's planner (no statistics) read every pending document and sort them for each
 * page, so a walk over N pending issues cost N²/pageSize; "not false" cannot use that index,
 * so each page is a range of the primary key and the walk is linear (every document has the
 * flag, so the two filters select the same documents).
 */
export async function* pendingDeadlines(
  readStore: ReadStore,
  pageSize = 1000,
): AsyncGenerator<DeadlineDoc[]> {
  let cursor: string | null = null;
  do {
    const page: { items: DeadlineDoc[]; nextCursor: string | null } = await readStore.find<DeadlineDoc>(
      DEADLINES_COLLECTION,
      {
        where: [{ field: 'pending', op: '!=', value: false }],
        orderBy: [],
        limit: pageSize,
        cursor,
      },
    );
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

export async function getDeadlineDoc(readStore: ReadStore, issueId: string): Promise<DeadlineDoc | null> {
  return readStore.get<DeadlineDoc>(DEADLINES_COLLECTION, issueId);
}
