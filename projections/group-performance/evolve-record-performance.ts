import type { StoredEvent } from '../../src/event-store/event-store';
import type { RecordEvent } from '../../src/groups/record/record-events';
import { asRecordEvent } from '../../src/groups/record/stored-record-event';
import type { BucketDelta, CountedEntry, EntryTrackerDoc } from './group-performance-docs';
import { bucketId, datePeriods, weekOf } from './periods';

/** The tracker id of the entry or practice an event is about. */
export function entryTrackerId(event: RecordEvent): string {
  return event.type === 'PracticeTransferred' ? `practice:${event.data.practiceId}` : event.data.entryId;
}

/** The deltas adding (sign 1) or taking back (sign -1) what an entry counts for. */
function entryDeltas(district: string, counted: CountedEntry, sign: 1 | -1): BucketDelta[] {
  return datePeriods(counted.date).map((period) => ({
    id: bucketId(district, period),
    district,
    period,
    activity: { kind: counted.kind, count: sign },
    ...(counted.days > 0 && { onSiteDays: sign * counted.days, week: weekOf(counted.date) }),
    ...(counted.participants > 0 && { participants: sign * counted.participants }),
  }));
}

/**
 * How one daily-record event changes group performance: the entry's tracker after it, and the
 * bucket deltas. The record's business date is the activity's `date`, so an entry counts in
 * the buckets of that date; a correction takes the old figures back out and adds the new.
 */
export function evolveRecordPerformance(
  tracker: EntryTrackerDoc | null,
  stored: StoredEvent,
): { tracker: EntryTrackerDoc | null; deltas: BucketDelta[] } {
  const event = asRecordEvent(stored);
  if (!event || (tracker && stored.position <= tracker.position)) return { tracker, deltas: [] };
  const district = event.data.district;
  const id = entryTrackerId(event);
  const before = tracker?.counted ?? null;
  const taken = before ? entryDeltas(district, before, -1) : [];
  const track = (counted: CountedEntry | null): EntryTrackerDoc => ({
    id,
    district,
    counted,
    position: stored.position,
  });

  switch (event.type) {
    case 'GroupActivityRecorded':
    case 'GroupActivityCorrected': {
      const d = event.data;
      const counted = {
        date: d.date,
        kind: d.kind,
        days: d.kind === 'on-site' ? (d.days ?? 1) : 0,
        participants: d.participants ?? 0,
      };
      return { tracker: track(counted), deltas: [...taken, ...entryDeltas(district, counted, 1)] };
    }
    case 'GroupActivityWithdrawn':
      return { tracker: track(null), deltas: taken };
    case 'PracticeTransferred': {
      if (tracker) return { tracker, deltas: [] };
      const field = event.data.direction === 'adopted-from-city' ? 'practicesAdopted' : 'practicesPromoted';
      const deltas = datePeriods(event.data.date).map((period) => ({
        id: bucketId(district, period),
        district,
        period,
        [field]: 1,
      }));
      return { tracker: track(null), deltas };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}
