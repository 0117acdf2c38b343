import type { StoredEvent } from '../../src/event-store/event-store';
import type { Filter, ReadStore } from '../../src/ports/read-store';
import { evolveIssueView } from './evolve-issue-view';
import { toIssueView, type IssueView, type IssueViewDoc } from './issue-view';
import { ISSUES_COLLECTION } from './projection';

export interface IssueListQuery {
  district?: string;
  /** An `IssueStatus`; any other value matches no issue. */
  status?: string;
  category?: string;
  severity?: string;
  /** true: open and past its next due time now; false: everything else. */
  overdue?: boolean;
  escalationLevel?: number;
  limit?: number;
  cursor?: string | null;
}

export async function getIssueView(readStore: ReadStore, id: string, now: Date): Promise<IssueView | null> {
  const doc = await readStore.get<IssueViewDoc>(ISSUES_COLLECTION, id);
  return doc ? toIssueView(doc, now) : null;
}

/** The issue board: newest reports first, filtered, in keyset pages. */
export async function listIssues(
  readStore: ReadStore,
  query: IssueListQuery,
  now: Date,
): Promise<{ items: IssueView[]; nextCursor: string | null }> {
  const where: Filter[] = [];
  for (const field of ['district', 'status', 'category', 'severity'] as const) {
    const value = query[field];
    if (value !== undefined) where.push({ field, op: '=', value });
  }
  if (query.escalationLevel !== undefined)
    where.push({ field: 'escalationLevel', op: '=', value: query.escalationLevel });
  if (query.overdue !== undefined) {
    where.push({ field: 'dueKey', op: query.overdue ? '<' : '>=', value: now.toISOString() });
  }
  const page = await readStore.find<IssueViewDoc>(ISSUES_COLLECTION, {
    where,
    orderBy: [{ field: 'reportedAt', direction: 'desc' }],
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map((doc) => toIssueView(doc, now)), nextCursor: page.nextCursor };
}

/** How many of a district's open issues are past their next due time at `now`. */
export function countOpenOverdue(
  readStore: Pick<ReadStore, 'count'>,
  district: string,
  now: Date,
): Promise<number> {
  return readStore.count(ISSUES_COLLECTION, [
    { field: 'district', op: '=', value: district },
    { field: 'status', op: '!=', value: 'closed' },
    { field: 'nextDueAt', op: '<', value: now.toISOString() },
  ]);
}

/**
 * The view folded straight from an issue's (upcast) events, for GET /issues/:id/state?asOf:
 * the caller keeps the events recorded up to asOf and passes asOf as `now`.
 */
export function foldIssueView(events: StoredEvent[], now: Date): IssueView | null {
  const doc = events.reduce<IssueViewDoc | null>(evolveIssueView, null);
  return doc ? toIssueView(doc, now) : null;
}
