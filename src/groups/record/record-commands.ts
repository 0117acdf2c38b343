import type { CommandMetadata } from '../../issues/domain/issue-commands';
import type { ActivityKind, PracticeDirection } from './record-vocabulary';

/**
 * The daily record's commands. Time is passed in (`metadata.now`, `metadata.occurredAt`);
 * ids of new entries and practices come from the caller, so `decide` stays deterministic.
 * Optional fields of a correction that are left out keep the entry's current value.
 */
type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type ActivityInput = {
  kind: ActivityKind;
  date: string;
  days?: number | null;
  site?: string | null;
  topic?: string | null;
  participants?: number | null;
  members?: string[];
  summary?: string | null;
  issueIds?: string[];
};

export type RecordActivity = Command<'RecordActivity', ActivityInput & { entryId: string; by: string }>;

export type CorrectActivity = Command<
  'CorrectActivity',
  Partial<ActivityInput> & { entryId: string; reason: string; by: string }
>;

export type WithdrawActivity = Command<'WithdrawActivity', { entryId: string; reason: string; by: string }>;

export type TransferPractice = Command<
  'TransferPractice',
  {
    practiceId: string;
    direction: PracticeDirection;
    title: string;
    date: string;
    summary?: string | null;
    by: string;
  }
>;

export type RecordCommand = RecordActivity | CorrectActivity | WithdrawActivity | TransferPractice;
