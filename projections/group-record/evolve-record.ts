import type { StoredEvent } from '../../src/event-store/event-store';
import type { ActivityFields } from '../../src/groups/record/record-events';
import { asRecordEvent } from '../../src/groups/record/stored-record-event';
import type { PracticeDoc, RecordEntryDoc } from './record-docs';

const fieldsOf = (d: ActivityFields): ActivityFields => ({
  kind: d.kind,
  date: d.date,
  days: d.days,
  site: d.site,
  topic: d.topic,
  participants: d.participants,
  members: d.members,
  summary: d.summary,
  issueIds: d.issueIds,
});

/**
 * A record entry after one more event about it: the current fields on top, every version
 * below in `history` (a correction never erases what was first written). Pure; events
 * already applied (position not newer) leave the entry as it is.
 */
export function evolveRecordEntry(doc: RecordEntryDoc | null, stored: StoredEvent): RecordEntryDoc | null {
  const event = asRecordEvent(stored);
  if (!event || event.type === 'PracticeTransferred') return doc;
  if (doc && stored.position <= doc.position) return doc;
  const meta = {
    actor: stored.metadata.actor,
    occurredAt: event.data.occurredAt,
    recordedAt: stored.recordedAt,
  };
  switch (event.type) {
    case 'GroupActivityRecorded': {
      if (doc) return doc;
      const d = event.data;
      const fields = fieldsOf(d);
      return {
        id: d.entryId,
        entryId: d.entryId,
        district: d.district,
        ...fields,
        status: 'recorded',
        recordedBy: d.recordedBy,
        seq: stored.position,
        history: [{ type: event.type, by: d.recordedBy, reason: null, fields, ...meta }],
        position: stored.position,
      };
    }
    case 'GroupActivityCorrected': {
      if (!doc) return doc;
      const fields = fieldsOf(event.data);
      return {
        ...doc,
        ...fields,
        status: 'corrected',
        history: [
          ...doc.history,
          { type: event.type, by: event.data.correctedBy, reason: event.data.reason, fields, ...meta },
        ],
        position: stored.position,
      };
    }
    case 'GroupActivityWithdrawn':
      if (!doc) return doc;
      return {
        ...doc,
        status: 'withdrawn',
        history: [
          ...doc.history,
          { type: event.type, by: event.data.withdrawnBy, reason: event.data.reason, fields: null, ...meta },
        ],
        position: stored.position,
      };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** A practice document from its one event; redelivery leaves it as it is. */
export function evolvePractice(doc: PracticeDoc | null, stored: StoredEvent): PracticeDoc | null {
  const event = asRecordEvent(stored);
  if (doc || !event || event.type !== 'PracticeTransferred') return doc;
  const d = event.data;
  return {
    id: d.practiceId,
    practiceId: d.practiceId,
    district: d.district,
    direction: d.direction,
    title: d.title,
    date: d.date,
    summary: d.summary,
    recordedBy: d.recordedBy,
    recordedAt: stored.recordedAt,
    position: stored.position,
  };
}
