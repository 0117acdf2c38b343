import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/projections-runner/projection';
import type { DocumentWriter } from '../../src/read-store/read-store';
import { asIssueEvent, evolveIssueView } from './evolve-issue-view';
import type { IssueViewDoc } from './issue-view';

export const ISSUES_COLLECTION = 'issues';

/** Current state of every issue, for the board, the overdue list and GET /issues/:id. */
export const issueStatusProjection: Projection = {
  name: 'issue-status',
  collections: [
    {
      name: ISSUES_COLLECTION,
      indexes: ['district', 'status', 'category', 'severity', 'escalationLevel', 'nextDueAt', 'reportedAt', 'dueKey'],
    },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const issueEvent = asIssueEvent(event);
    if (!issueEvent) return;
    const id = issueEvent.data.issueId;
    const before = await docs.get<IssueViewDoc>(ISSUES_COLLECTION, id);
    const after = evolveIssueView(before, event);
    if (after && after !== before) await docs.put(ISSUES_COLLECTION, id, after);
  },
};
