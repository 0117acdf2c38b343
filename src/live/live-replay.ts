import type { EventStore } from '../event-store/event-store';
import type { IssueDistricts } from '../identity/access/issue-districts';
import { readLiveEvents } from './live-log';
import type { LiveReader } from './live-reader';

/**
 * Most events a reconnect replays. A reader further behind (a tablet asleep over a busy day)
 * is told `reset` instead, and reads its views again: cheaper for both than the log's tail.
 */
export const MAX_REPLAY = 10_000;

/**
 * Tells `reader` the issue events in `(after, upTo]` from the log: what it missed while
 * disconnected. Stops early when the reader goes.
 */
export function replayMissed(
  store: EventStore,
  districts: IssueDistricts,
  reader: LiveReader,
  after: number,
  upTo: number,
): Promise<void> {
  return readLiveEvents(store, districts, after, upTo, (events, reached) => {
    reader.tell(events, reached);
    return reader.isOpen();
  });
}
