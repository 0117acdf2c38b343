import type { EventStore } from '../event-store/event-store';
import { issueStreamId } from './domain/issue-events';
import { DISTRICTS, type District } from './domain/vocabulary';

/**
 * The district an issue was reported in, from the first event of its stream (the report; it
 * never changes), read from the log so an issue reported a moment ago, or through another
 * engine, is found; null for an issue that does not exist.
 */
export async function districtOfIssue(store: EventStore, issueId: string): Promise<District | null> {
  const [first] = await store.readStream(issueStreamId(issueId), { maxCount: 1 });
  if (first?.type !== 'IssueReported') return null;
  const district = (first.data as { district?: unknown }).district;
  return typeof district === 'string' && (DISTRICTS as readonly string[]).includes(district)
    ? (district as District)
    : null;
}

/**
 * The district of each issue, for deciders that check links to issues (the record, appeals):
 * a lookup that answers null for an issue that does not exist.
 */
export async function issueDistricts(
  store: EventStore,
  issueIds: readonly string[],
): Promise<(issueId: string) => District | null> {
  const found = new Map<string, District | null>();
  for (const issueId of new Set(issueIds)) found.set(issueId, await districtOfIssue(store, issueId));
  return (issueId) => found.get(issueId) ?? null;
}
