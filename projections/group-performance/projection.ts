import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter } from '../../src/ports/read-store';
import { issueIdOf } from '../../src/issues/domain/stored-issue-event';
import { applyBucketDelta, evolveGroupPerformance } from './evolve-group-performance';
import { asRecordEvent } from '../../src/groups/record/stored-record-event';
import { entryTrackerId, evolveRecordPerformance } from './evolve-record-performance';
import type { BucketDelta, EntryTrackerDoc, GroupPerfDoc, IssueTrackerDoc } from './group-performance-docs';

export const GROUP_PERF_COLLECTION = 'group_perf';
export const GROUP_PERF_ISSUES_COLLECTION = 'group_perf_issues';
export const GROUP_PERF_ENTRIES_COLLECTION = 'group_perf_entries';

/**
 * The hoursToClose lists each batch has copied and so owns, by the batch's writer (the runner
 * hands every event of one batch the same writer): a bucket's list is copied once per batch
 * and sorted-inserted in place after that. A new batch has a new writer, so a list a store
 * still shares (a fold's checkpoint) is never changed.
 */
const ownedHours = new WeakMap<DocumentWriter, WeakSet<number[]>>();

async function applyDeltas(docs: DocumentWriter, deltas: BucketDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  let owned = ownedHours.get(docs);
  if (!owned) ownedHours.set(docs, (owned = new WeakSet()));
  for (const delta of deltas) {
    const bucket = await docs.get<GroupPerfDoc>(GROUP_PERF_COLLECTION, delta.id);
    await docs.put(GROUP_PERF_COLLECTION, delta.id, applyBucketDelta(bucket, delta, owned));
  }
}

/**
 * Each work group's figures per day, month, quarter and year (Asia/Shanghai): its issues,
 * and its daily record (on-site days, activities, practices).
 */
export const groupPerformanceProjection: Projection = {
  name: 'group-performance',
  collections: [
    { name: GROUP_PERF_COLLECTION, indexes: ['district', 'period'] },
    { name: GROUP_PERF_ISSUES_COLLECTION },
    { name: GROUP_PERF_ENTRIES_COLLECTION },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const issueId = issueIdOf(event);
    if (issueId !== null) {
      const before = await docs.get<IssueTrackerDoc>(GROUP_PERF_ISSUES_COLLECTION, issueId);
      const { tracker, deltas } = evolveGroupPerformance(before, event);
      if (tracker && tracker !== before) await docs.put(GROUP_PERF_ISSUES_COLLECTION, issueId, tracker);
      return applyDeltas(docs, deltas);
    }
    const recordEvent = asRecordEvent(event);
    if (!recordEvent) return;
    const id = entryTrackerId(recordEvent);
    const before = await docs.get<EntryTrackerDoc>(GROUP_PERF_ENTRIES_COLLECTION, id);
    const { tracker, deltas } = evolveRecordPerformance(before, event);
    if (tracker && tracker !== before) await docs.put(GROUP_PERF_ENTRIES_COLLECTION, id, tracker);
    await applyDeltas(docs, deltas);
  },
};
