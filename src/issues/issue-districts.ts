import type { EventStore } from '../event-store/event-store';
import { issueStreamId } from './domain/issue-events';
import type { District } from './domain/vocabulary';

/**
 * The district of each issue, from the first event of its stream (the report), read from the
 * log so a link made right after the report is never refused as unknown; null for an issue
 * that does not exist. For deciders that check links to issues (the record, appeals).
 */
export async function issueDistricts(
  store: EventStore,
  issueIds: readonly string[],
): Promise<(issueId: string) => District | null> {
  const found = new Map<string, District | null>();
  for (const issueId of new Set(issueIds)) {
    const [first] = await store.readStream(issueStreamId(issueId), { maxCount: 1 });
    const district = (first?.data as { district?: District } | undefined)?.district;
    found.set(issueId, first?.type === 'IssueReported' && district ? district : null);
  }
  return (issueId) => found.get(issueId) ?? null;
}
