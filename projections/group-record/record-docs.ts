import type { ActivityFields } from '../../src/groups/record/record-events';

/** One version of an entry, as its history shows it. */
export type EntryVersion = {
  type: 'GroupActivityRecorded' | 'GroupActivityCorrected' | 'GroupActivityWithdrawn';
  /** Who recorded, corrected or withdrew it, and why (corrections and withdrawals). */
  by: string;
  actor: string;
  reason: string | null;
  occurredAt: string;
  recordedAt: string;
  /** The entry as this version states it; null for a withdrawal. */
  fields: ActivityFields | null;
};

/** One entry of a group's daily record (collection `group_record`), as it reads now. */
export type RecordEntryDoc = ActivityFields & {
  id: string;
  entryId: string;
  district: string;
  status: 'recorded' | 'corrected' | 'withdrawn';
  recordedBy: string;
  /** Log position of the first recording: the order of entries on one date. */
  seq: number;
  history: EntryVersion[];
  position: number;
};

/** One practice passed between city and district (collection `group_practices`). */
export type PracticeDoc = {
  id: string;
  practiceId: string;
  district: string;
  direction: 'adopted-from-city' | 'promoted-to-city';
  title: string;
  date: string;
  summary: string | null;
  recordedBy: string;
  recordedAt: string;
  position: number;
};
