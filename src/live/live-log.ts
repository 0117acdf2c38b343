import type { EventStore } from '../event-store/event-store';
import type { IssueDistricts } from '../identity/access/issue-districts';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { appliedEvents } from '../ports/applied-batches';
import { liveIssueEvents } from './live-issue-events';
import type { LiveIssueEvent } from './live-message';

/** Log events read per page. */
const PAGE = 500;

/**
 * The issue events in `(after, upTo]` read from the log as the projector applied them (upcast,
 * placed in their districts), a page at a time: `onPage` gets each page's events and the
 * position it reaches, and answers false to stop.
 */
export async function readLiveEvents(
  store: EventStore,
  districts: IssueDistricts,
  after: number,
  upTo: number,
  onPage: (events: LiveIssueEvent[], reached: number) => boolean,
): Promise<void> {
  let from = after;
  while (from < upTo) {
    const page = await store.readAll({ after: from, maxCount: Math.min(PAGE, upTo - from) });
    const events = page.filter((event) => event.position <= upTo);
    if (events.length === 0) return;
    const reached = events[events.length - 1].position;
    const told = await liveIssueEvents(appliedEvents(events.map(upcastIssueEvent)), districts);
    if (!onPage(told, reached)) return;
    from = reached;
  }
}
