import type { StreamType } from '../../command-handling/decider';
import type { RecordEvent } from './record-events';
import { evolveRecord, initialRecordState, type RecordState } from './record-state';

/** The daily record as the generic command path sees it; every event is at schema version 1. */
export const recordStream: StreamType<RecordEvent, RecordState> = {
  initialState: initialRecordState,
  evolve: evolveRecord,
  schemaVersionOf: () => 1,
};
