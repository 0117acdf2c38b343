import { perIssueDocument } from '../per-issue-document';
import type { Projection } from '../../src/ports/projection';
import type { Filter, PartialIndex } from '../../src/ports/read-store';
import { evolveIssueView } from './evolve-issue-view';
import type { IssueViewDoc } from './issue-view';

export const ISSUES_COLLECTION = 'issues';

/** The filter "still open", as the queries write it and as the open issues' index keeps it. */
export const OPEN_ISSUE: Filter = { field: 'status', op: '!=', value: 'closed' };

/** The open issues, by district and report: a partial index (see below). */
export const OPEN_ISSUES_INDEX: PartialIndex = {
  name: 'open',
  fields: ['district', 'reportedAt'],
  where: [OPEN_ISSUE],
};

/**
 * The open issues by due key: the 临期 (due soon) light's `dueKey >= now` is a range the full
 * `dueKey` index answers with every closed issue (their far-future key) in it.
 */
export const OPEN_BY_DUE_INDEX: PartialIndex = { name: 'open', fields: ['dueKey'], where: [OPEN_ISSUE] };

/**
 * The open issues by report, city-wide: the 未销号 list's pages after the first bound
 * `reportedAt`, a range the planner took the full index for (every closed issue, 0.4 s).
 */
export const OPEN_BY_REPORT_INDEX: PartialIndex = {
  name: 'open',
  fields: ['reportedAt'],
  where: [OPEN_ISSUE],
};

/** Current state of every issue, for the board, the overdue list and GET /issues/:id. */
export const issueStatusProjection: Projection = {
  name: 'issue-status',
  collections: [
    {
      name: ISSUES_COLLECTION,
      // Only what a query's plan gains from (projections/issue-status/queries.ts, the review
      // sheets): the two sort keys, which also carry the range filters (reportedAt for a
      // period, dueKey for overdue and the lights); and the board's equality filters, each
      // with its order (a district's page reads its twenty rows in order instead of sorting
      // the district's every issue). On an archive, an equality filter read in report order
      // alone is slow whenever it matches few issues: a category or a severity with none took
      // 0.75 s over 187,000 issues; escalation level 1, which closed issues keep, read by the
      // level's index and sorted, 0.1–0.4 s. (Not district by due key: the planner, which has
      // no statistics, took it over the open issues' index for a district's counters, 0.2 ms
      // to 145 ms; a district's every issue by due key is sorted, 0.12–0.19 s on that
      // archive.) status, warned and nextDueAt are tested with != or over the open issues
      // only. And the open issues alone (OPEN_ISSUE), by district and report, by report, and
      // by due key: the board's counters, its 未销号 list (whose pages after the first bound
      // reportedAt, a range the full index answered with every closed issue) and the due-soon
      // light filter on `status != closed`, which no full index serves; they read every issue
      // ever reported (187,000 of them for 48 open: 450 ms), where these hold only the open
      // ones. Every index is rewritten with each changed issue document, on the projector's
      // thread.
      indexes: [
        ['district', 'reportedAt'],
        ['category', 'reportedAt'],
        ['severity', 'reportedAt'],
        ['escalationLevel', 'reportedAt'],
        'reportedAt',
        'dueKey',
        OPEN_ISSUES_INDEX,
        OPEN_BY_REPORT_INDEX,
        OPEN_BY_DUE_INDEX,
      ],
    },
  ],
  handle: perIssueDocument<IssueViewDoc>(ISSUES_COLLECTION, evolveIssueView),
};
