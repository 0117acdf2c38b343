import type { StoredEvent } from '../../src/event-store/event-store';
import type { Filter, ReadStore } from '../../src/ports/read-store';
import { evolveIssueView } from './evolve-issue-view';
import { toIssueView, type IssueView, type IssueViewDoc, type Light } from './issue-view';
import { ISSUES_COLLECTION, OPEN_ISSUE } from './projection';

export interface IssueListQuery {
  district?: string;
  /** An `IssueStatus`; any other value matches no issue. */
  status?: string;
  category?: string;
  severity?: string;
  /** true: open and past its next due time now; false: everything else. */
  overdue?: boolean;
  escalationLevel?: number;
  /** The board's traffic light now: red overdue, yellow a standing warning, green neither. */
  light?: Light;
  /** true: closed (销号) only; false: every issue still open, whatever its status. */
  closed?: boolean;
  /** `reported`: newest reports first (the default); `due`: the nearest (or longest past) due time first. */
  sort?: IssueSort;
  limit?: number;
  cursor?: string | null;
}

export const ISSUE_SORTS = ['reported', 'due'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

/** What the board's counters count: issues still open, by light and by escalation level. */
export interface IssueCounts {
  open: number;
  /** 临期: a warning stands and nothing is overdue yet (the yellow light). */
  dueSoon: number;
  /** 超期: past a due time now (the red light). */
  overdue: number;
  escalated: { level1: number; level2: number; level3: number };
}

export type IssueCountQuery = Pick<IssueListQuery, 'district' | 'category' | 'severity'>;

/** The store filters of a light at `now` (overdue depends on the clock, a standing warning does not). */
function lightFilters(light: Light, now: Date): Filter[] {
  // Green is most issues (every closed one): broad. Yellow's due-key range is over the open
  // issues' own index (OPEN_BY_DUE_INDEX), and red's is narrow.
  const due: Filter = {
    field: 'dueKey',
    op: light === 'red' ? '<' : '>=',
    value: now.toISOString(),
    ...(light === 'green' && { broad: true }),
  };
  switch (light) {
    case 'red':
      return [due];
    case 'yellow':
      return [due, { field: 'warned', op: '=', value: true }];
    case 'green':
      return [due, { field: 'warned', op: '!=', value: true }];
    default: {
      const unexpected: never = light;
      throw new Error(`unknown light ${String(unexpected)}`);
    }
  }
}

/**
 * The equality filters. Over the open issues only (`openOnly`), category and severity are
 * broad: the open issues' own index is the narrow read, and a category's index (which holds its
 * every closed issue) looked narrower to SQLite's planner: 0.2 ms became 263 ms for a count.
 */
function fieldFilters(query: IssueListQuery, openOnly: boolean): Filter[] {
  const where: Filter[] = [];
  for (const field of ['district', 'status', 'category', 'severity'] as const) {
    const value = query[field];
    const broad = openOnly && (field === 'category' || field === 'severity');
    if (value !== undefined) where.push({ field, op: '=', value, ...(broad && { broad }) });
  }
  return where;
}

export async function getIssueView(readStore: ReadStore, id: string, now: Date): Promise<IssueView | null> {
  const doc = await readStore.get<IssueViewDoc>(ISSUES_COLLECTION, id);
  return doc ? toIssueView(doc, now) : null;
}

/**
 * The store filters of a board query. A filter only open issues can match (an open status, a
 * standing warning) also gets `OPEN_ISSUE`, which changes no answer but lets the store read
 * the open issues' own index instead of every issue ever reported: 187,000 of them for 48
 * open, 0.8 s for `status=in-progress` before.
 */
export function issueListFilters(query: IssueListQuery, now: Date, scope: Filter[] = []): Filter[] {
  const onlyOpen =
    query.closed !== true &&
    (query.closed === false ||
      (query.status !== undefined && query.status !== 'closed') ||
      query.light === 'yellow');
  const where: Filter[] = [...scope, ...fieldFilters(query, onlyOpen)];
  if (query.escalationLevel !== undefined)
    where.push({
      field: 'escalationLevel',
      op: '=',
      value: query.escalationLevel,
      ...(onlyOpen && { broad: true }),
    });
  if (query.overdue !== undefined) {
    // Not overdue is most issues (every closed one): broad.
    const due = { field: 'dueKey', value: now.toISOString() };
    where.push(query.overdue ? { ...due, op: '<' } : { ...due, op: '>=', broad: true });
  }
  if (query.light !== undefined) where.push(...lightFilters(query.light, now));
  if (query.closed === true) where.push({ field: 'status', op: '=', value: 'closed' });
  else if (onlyOpen) where.push(OPEN_ISSUE);
  return where;
}

/** The issue board: newest reports first, filtered, in keyset pages. */
export async function listIssues(
  readStore: ReadStore,
  query: IssueListQuery,
  now: Date,
  /** Filters the reader's scope adds (its district): in the query, so pages stay full. */
  scope: Filter[] = [],
): Promise<{ items: IssueView[]; nextCursor: string | null }> {
  const page = await readStore.find<IssueViewDoc>(ISSUES_COLLECTION, {
    where: issueListFilters(query, now, scope),
    orderBy:
      query.sort === 'due'
        ? [{ field: 'dueKey', direction: 'asc' }]
        : [{ field: 'reportedAt', direction: 'desc' }],
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
    OPEN_ISSUE,
    { field: 'nextDueAt', op: '<', value: now.toISOString() },
  ]);
}

/** The store filters the board's counters all count within: the open issues the query names. */
export function issueCountFilters(query: IssueCountQuery, scope: Filter[] = []): Filter[] {
  return [...scope, ...fieldFilters(query, true), OPEN_ISSUE];
}

/** The board's counters for the filters they share with the list, in one counting query. */
export async function countIssues(
  readStore: ReadStore,
  query: IssueCountQuery,
  now: Date,
  /** Filters the reader's scope adds (its district), as for the list. */
  scope: Filter[] = [],
): Promise<IssueCounts> {
  const open = issueCountFilters(query, scope);
  const level = (n: number): Filter[] => [{ field: 'escalationLevel', op: '=', value: n }];
  const [all, dueSoon, overdue, level1, level2, level3] = await readStore.countEach(ISSUES_COLLECTION, open, [
    [],
    lightFilters('yellow', now),
    lightFilters('red', now),
    level(1),
    level(2),
    level(3),
  ]);
  return { open: all, dueSoon, overdue, escalated: { level1, level2, level3 } };
}

/**
 * The view folded straight from an issue's (upcast) events, for GET /issues/:id/state?asOf:
 * the caller keeps the events recorded up to asOf and passes asOf as `now`.
 */
export function foldIssueView(events: StoredEvent[], now: Date): IssueView | null {
  const doc = events.reduce<IssueViewDoc | null>(evolveIssueView, null);
  return doc ? toIssueView(doc, now) : null;
}
