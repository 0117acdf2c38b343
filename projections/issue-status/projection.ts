import { perIssueDocument } from '../per-issue-document';
import type { Projection } from '../../src/ports/projection';
import { evolveIssueView } from './evolve-issue-view';
import type { IssueViewDoc } from './issue-view';

export const ISSUES_COLLECTION = 'issues';

/** Current state of every issue, for the board, the overdue list and GET /issues/:id. */
export const issueStatusProjection: Projection = {
  name: 'issue-status',
  collections: [
    {
      name: ISSUES_COLLECTION,
      indexes: [
        'district',
        'status',
        'category',
        'severity',
        'escalationLevel',
        'nextDueAt',
        'reportedAt',
        'dueKey',
        'warned',
      ],
    },
  ],
  handle: perIssueDocument<IssueViewDoc>(ISSUES_COLLECTION, evolveIssueView),
};
