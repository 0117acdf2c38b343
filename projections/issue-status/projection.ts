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

/** Current state of every issue, for the board, the overdue list and GET /issues/:id. */
export const issueStatusProjection: Projection = {
  name: 'issue-status',
  collections: [
    {
      name: ISSUES_COLLECTION,
      // Only what a query's plan gains from (projections/issue-status/queries.ts, the review
      // sheets): the two sort keys, which also carry the range filters (reportedAt for a
      // period, dueKey for overdue and the lights); district with the board's order, the scope
      // of most readers and of the per-district counts (a district's page reads its twenty
      // rows in order instead of sorting the district's every issue: 10,000 issues, a sixth
      // each); escalationLevel, rare values the counters count. status, category, severity,
      // warned and nextDueAt match a large share of the issues each (or are tested with !=),
      // so scanning in sort order finds a page as fast as an index would, and every index is
      // rewritten with each changed issue document. And the open issues alone (OPEN_ISSUES),
      // by district and report: the board's counters and its 未销号 list filter on
      // `status != closed`, which no full index serves; they read every issue ever reported
      // (187,000 of them for 48 open: 450 ms), where this index holds only the open ones; and
      // the open ones by due key (OPEN_BY_DUE_INDEX) for the due-soon light.
      indexes: [
        ['district', 'reportedAt'],
        'escalationLevel',
        'reportedAt',
        'dueKey',
        OPEN_ISSUES_INDEX,
        OPEN_BY_DUE_INDEX,
      ],
    },
  ],
  handle: perIssueDocument<IssueViewDoc>(ISSUES_COLLECTION, evolveIssueView),
};
