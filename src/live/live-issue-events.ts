import type { IssueDistricts } from '../identity/access/issue-districts';
import { issueStreamId } from '../issues/domain/issue-events';
import type { AppliedEvent } from '../ports/applied-batches';
import { liveIssueEvent, type LiveIssueEvent } from './live-message';

/**
 * The issue events among applied ones, each with its issue's district: the report names it,
 * every later event is placed by the issue's first event (read once, then remembered, by the
 * same `IssueDistricts` the access guard uses). Events of other streams (records, reviews,
 * users) are not told: the live stream is the board's.
 */
export async function liveIssueEvents(
  events: readonly AppliedEvent[],
  districts: IssueDistricts,
): Promise<LiveIssueEvent[]> {
  const told: LiveIssueEvent[] = [];
  for (const event of events) {
    const issueId = event.issueId;
    if (issueId === null || event.streamId !== issueStreamId(issueId)) continue;
    const district = event.district ?? (await districts.of(issueId));
    // An issue stream without a report has no district: no district reader may see it, so nobody is told.
    if (district === null) continue;
    told.push(liveIssueEvent({ ...event, issueId }, district));
  }
  return told;
}
