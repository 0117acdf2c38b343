import type { StoredEvent } from '../../event-store/event-store';
import { RECORD_EVENT_TYPES, type RecordEvent } from './record-events';

/** The stored event as a daily-record event, or null for any other event (projections start here). */
export function asRecordEvent(event: StoredEvent): RecordEvent | null {
  return (RECORD_EVENT_TYPES as readonly string[]).includes(event.type)
    ? ({ type: event.type, data: event.data } as RecordEvent)
    : null;
}
