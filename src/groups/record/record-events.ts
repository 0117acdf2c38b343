import type { District } from '../../issues/domain/vocabulary';
import type { ActivityKind, PracticeDirection } from './record-vocabulary';

/**
 * The daily record's events (one stream per work group): plain `{ type, data }` facts, past
 * tense. An entry is never edited in place: a correction states the whole entry as it now
 * reads, with the reason, and a withdrawal keeps the entry in the history, marked withdrawn.
 */

/** What an entry says; a correction restates all of it. */
export type ActivityFields = {
  kind: ActivityKind;
  /** The local (Asia/Shanghai) date of the activity, `YYYY-MM-DD`. */
  date: string;
  /** On-site only: 0.5 or 1; null for every other kind. */
  days: number | null;
  site: string | null;
  /** What it was about; null only for on-site days. */
  topic: string | null;
  /** People reached (trainees, attendees); null when not counted. */
  participants: number | null;
  /** The group members who took part. */
  members: string[];
  summary: string | null;
  /** Issues the activity was about. */
  issueIds: string[];
};

export type GroupActivityRecorded = {
  type: 'GroupActivityRecorded';
  data: ActivityFields & {
    district: District;
    entryId: string;
    recordedBy: string;
    occurredAt: string;
  };
};

export type GroupActivityCorrected = {
  type: 'GroupActivityCorrected';
  data: ActivityFields & {
    district: District;
    entryId: string;
    reason: string;
    correctedBy: string;
    occurredAt: string;
  };
};

export type GroupActivityWithdrawn = {
  type: 'GroupActivityWithdrawn';
  data: {
    district: District;
    entryId: string;
    reason: string;
    withdrawnBy: string;
    occurredAt: string;
  };
};

export type PracticeTransferred = {
  type: 'PracticeTransferred';
  data: {
    district: District;
    practiceId: string;
    direction: PracticeDirection;
    title: string;
    date: string;
    summary: string | null;
    recordedBy: string;
    occurredAt: string;
  };
};

export type RecordEvent =
  GroupActivityRecorded | GroupActivityCorrected | GroupActivityWithdrawn | PracticeTransferred;

export type RecordEventType = RecordEvent['type'];

export const RECORD_EVENT_TYPES: readonly RecordEventType[] = [
  'GroupActivityRecorded',
  'GroupActivityCorrected',
  'GroupActivityWithdrawn',
  'PracticeTransferred',
];

/** One stream per work group. */
export const recordStreamId = (district: string): string => `group-record-${district}`;
