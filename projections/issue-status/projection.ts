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
        // The board's filters with its order (newest reports first): a filtered page reads its
        // twenty rows in order instead of sorting every match (10,000 issues: 0.5-1.4 s → ms).
        ['district', 'reportedAt'],
        ['status', 'reportedAt'],
        ['category', 'reportedAt'],
        ['severity', 'reportedAt'],
        ['escalationLevel', 'reportedAt'],
      ],
    },
  ],
  handle: perIssueDocument<IssueViewDoc>(ISSUES_COLLECTION, evolveIssueView),
};
