import type { EventStore } from '../event-store/event-store';
import type { IssueDistricts } from '../identity/access/issue-districts';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { appliedEvents } from '../ports/applied-batches';
import { liveIssueEvents } from './live-issue-events';
import type { LiveReader } from './live-reader';

/** Log events read per page while replaying. */
const PAGE = 500;

/**
 * Most events a reconnect replays. A reader further behind (a tablet asleep over a busy day)
 * is told `reset` instead, and reads its views again: cheaper for both than the log's tail.
 */
export const MAX_REPLAY = 10_000;

/**
 * Tells `reader` the issue events in `(after, upTo]` from the log, as the projector applied
 * them (upcast, placed in their districts): what it missed while disconnected. Stops early
 * when the reader goes.
 */
export async function replayMissed(
  store: EventStore,
  districts: IssueDistricts,
  reader: LiveReader,
  after: number,
  upTo: number,
): Promise<void> {
  let from = after;
  while (from < upTo && reader.isOpen()) {
    const page = await store.readAll({ after: from, maxCount: Math.min(PAGE, upTo - from) });
    const events = page.filter((event) => event.position <= upTo);
    if (events.length === 0) break;
    const last = events[events.length - 1].position;
    reader.tell(await liveIssueEvents(appliedEvents(events.map(upcastIssueEvent)), districts), last);
    from = last;
  }
}
