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
 * Every issue that can still escalate, in pages of `pageSize` in no particular order (the read
 * store's `scan`: SQLite walks the `pending` index, whose entries for one value are in row
 * order, and reads each page's rows in that order). The reconciler visits every pending issue
 * on each pass, so the walk is what a pass costs (see docs/benchmarks.md). Before `scan`, the
 * walk paged `find` by id filtering "not false": an equality on the indexed field there made
 * SQLite read and sort every pending document for each page (N²/pageSize), and paging by id
 * read the table in the random order of the ids.
 */
export async function* pendingDeadlines(
  readStore: ReadStore,
  pageSize = 1000,
): AsyncGenerator<DeadlineDoc[]> {
  yield* readStore.scan<DeadlineDoc>(DEADLINES_COLLECTION, {
    where: [{ field: 'pending', op: '=', value: true }],
    pageSize,
  });
}

export async function getDeadlineDoc(readStore: ReadStore, issueId: string): Promise<DeadlineDoc | null> {
  return readStore.get<DeadlineDoc>(DEADLINES_COLLECTION, issueId);
}
