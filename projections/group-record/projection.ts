import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter } from '../../src/ports/read-store';
import { asRecordEvent } from '../../src/groups/record/stored-record-event';
import { evolvePractice, evolveRecordEntry } from './evolve-record';
import type { PracticeDoc, RecordEntryDoc } from './record-docs';

export const RECORD_COLLECTION = 'group_record';
export const PRACTICES_COLLECTION = 'group_practices';

/** Every work group's daily record and practices, for GET /groups/:district/record and the exports. */
export const groupRecordProjection: Projection = {
  name: 'group-record',
  collections: [
    { name: RECORD_COLLECTION, indexes: ['district', 'date', 'kind', 'seq'] },
    { name: PRACTICES_COLLECTION, indexes: ['district', 'date'] },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const recordEvent = asRecordEvent(event);
    if (!recordEvent) return;
    if (recordEvent.type === 'PracticeTransferred') {
      const id = recordEvent.data.practiceId;
      const before = await docs.get<PracticeDoc>(PRACTICES_COLLECTION, id);
      const after = evolvePractice(before, event);
      if (after && after !== before) await docs.put(PRACTICES_COLLECTION, id, after);
      return;
    }
    const id = recordEvent.data.entryId;
    const before = await docs.get<RecordEntryDoc>(RECORD_COLLECTION, id);
    const after = evolveRecordEntry(before, event);
    if (after && after !== before) await docs.put(RECORD_COLLECTION, id, after);
  },
};
