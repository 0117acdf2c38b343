import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter } from '../../src/ports/read-store';
import { issueIdOf } from '../../src/issues/domain/stored-issue-event';
import { applyBucketDelta, evolveGroupPerformance } from './evolve-group-performance';
import type { GroupPerfDoc, IssueTrackerDoc } from './group-performance-docs';

export const GROUP_PERF_COLLECTION = 'group_perf';
export const GROUP_PERF_ISSUES_COLLECTION = 'group_perf_issues';

/** Each work group's figures per day, month, quarter and year (Asia/Shanghai). */
export const groupPerformanceProjection: Projection = {
  name: 'group-performance',
  collections: [
    { name: GROUP_PERF_COLLECTION, indexes: ['district', 'period'] },
    { name: GROUP_PERF_ISSUES_COLLECTION },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const issueId = issueIdOf(event);
    if (issueId === null) return;
    const before = await docs.get<IssueTrackerDoc>(GROUP_PERF_ISSUES_COLLECTION, issueId);
    const { tracker, deltas } = evolveGroupPerformance(before, event);
    if (tracker && tracker !== before) await docs.put(GROUP_PERF_ISSUES_COLLECTION, issueId, tracker);
    for (const delta of deltas) {
      const bucket = await docs.get<GroupPerfDoc>(GROUP_PERF_COLLECTION, delta.id);
      await docs.put(GROUP_PERF_COLLECTION, delta.id, applyBucketDelta(bucket, delta));
    }
  },
};
