import type { District } from '../../issues/domain/vocabulary';
import { assertBusinessTime } from '../../issues/domain/time-rules';
import { InvalidCommandError, NotFoundError, StateConflictError } from '../../shared-kernel/domain-errors';
import type { ActivityInput, RecordCommand } from './record-commands';
import type { ActivityFields, RecordEvent } from './record-events';
import { onSiteDaysOf, type RecordState } from './record-state';
import { ACTIVITY_KINDS, ON_SITE_DAYS, PRACTICE_DIRECTIONS } from './record-vocabulary';
import { assertPastDate } from './local-date';

/**
 * What the record's decider needs besides the state, passed in so it stays pure: whose
 * record it is, and the district of each issue an entry links to (null: no such issue),
 * looked up by the caller before deciding.
 */
export interface RecordContext {
  district: District;
  issueDistrict?: (issueId: string) => District | null;
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

function required(field: string, value: string | null | undefined): string {
  const trimmed = text(value);
  if (trimmed === null) throw new InvalidCommandError(field, 'is required and must not be blank');
  return trimmed;
}

/**
 * The daily record's decider: given a command and a work group's record, the events it
 * causes, or a DomainError saying why not. Pure: time comes from `command.metadata`.
 */
export function decideRecord(
  command: RecordCommand,
  state: RecordState,
  context: RecordContext,
): RecordEvent[] {
  const { now, occurredAt } = command.metadata;
  assertBusinessTime('occurredAt', occurredAt, now);
  const at = occurredAt.toISOString();
  const { district } = context;

  switch (command.type) {
    case 'RecordActivity': {
      const { entryId, by, ...input } = command.data;
      if (state.entries[entryId])
        throw new StateConflictError(`entry ${entryId} is already in ${district}'s record; use a new id`);
      const fields = activityFields(input, now, context);
      assertOnSiteRoom(state, fields, null);
      return [
        {
          type: 'GroupActivityRecorded',
          data: { district, entryId, ...fields, recordedBy: required('recordedBy', by), occurredAt: at },
        },
      ];
    }
    case 'CorrectActivity': {
      const { entryId, reason, by, ...changes } = command.data;
      const entry = existingEntry(state, district, entryId);
      if (entry.withdrawn)
        throw new StateConflictError(
          `entry ${entryId} was withdrawn and cannot be corrected; record a new entry instead`,
        );
      const { withdrawn: _, ...current } = entry;
      const kindChanged = changes.kind !== undefined && changes.kind !== current.kind;
      const merged: ActivityInput = {
        ...current,
        // A different kind starts from its own defaults for what only some kinds have.
        ...(kindChanged && { days: undefined }),
        ...definedOnly(changes),
      };
      const fields = activityFields(merged, now, context, current.issueIds);
      if (JSON.stringify(fields) === JSON.stringify(current))
        throw new InvalidCommandError(
          'reason',
          'the correction changes nothing; send the fields that change',
        );
      assertOnSiteRoom(state, fields, entryId);
      return [
        {
          type: 'GroupActivityCorrected',
          data: {
            district,
            entryId,
            ...fields,
            reason: required('reason', reason),
            correctedBy: required('correctedBy', by),
            occurredAt: at,
          },
        },
      ];
    }
    case 'WithdrawActivity': {
      const { entryId, reason, by } = command.data;
      const entry = existingEntry(state, district, entryId);
      if (entry.withdrawn) throw new StateConflictError(`entry ${entryId} is already withdrawn`);
      return [
        {
          type: 'GroupActivityWithdrawn',
          data: {
            district,
            entryId,
            reason: required('reason', reason),
            withdrawnBy: required('withdrawnBy', by),
            occurredAt: at,
          },
        },
      ];
    }
    case 'TransferPractice': {
      const d = command.data;
      if (state.practiceIds.includes(d.practiceId))
        throw new StateConflictError(`practice ${d.practiceId} is already recorded; use a new id`);
      if (!(PRACTICE_DIRECTIONS as readonly string[]).includes(d.direction))
        throw new InvalidCommandError('direction', `must be one of: ${PRACTICE_DIRECTIONS.join(', ')}`);
      assertPastDate('date', d.date, now);
      return [
        {
          type: 'PracticeTransferred',
          data: {
            district,
            practiceId: d.practiceId,
            direction: d.direction,
            title: required('title', d.title),
            date: d.date,
            summary: text(d.summary),
            recordedBy: required('recordedBy', d.by),
            occurredAt: at,
          },
        },
      ];
    }
    default: {
      const never: never = command;
      throw new InvalidCommandError('type', `unknown record command ${JSON.stringify(never)}`);
    }
  }
}

function existingEntry(state: RecordState, district: string, entryId: string) {
  const entry = state.entries[entryId];
  if (!entry) throw new NotFoundError(`entry ${entryId} is not in ${district}'s record`);
  return entry;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The entry's fields, checked and normalised; every rule names the field it is about. */
function activityFields(
  input: ActivityInput,
  now: Date,
  context: RecordContext,
  alreadyLinked: readonly string[] = [],
): ActivityFields {
  const { kind } = input;
  if (!(ACTIVITY_KINDS as readonly string[]).includes(kind))
    throw new InvalidCommandError('kind', `must be one of: ${ACTIVITY_KINDS.join(', ')}`);
  assertPastDate('date', input.date, now);
  const onSite = kind === 'on-site';
  let days: number | null = null;
  if (onSite) {
    days = input.days ?? 1;
    if (!(ON_SITE_DAYS as readonly number[]).includes(days))
      throw new InvalidCommandError(
        'days',
        `an on-site entry is half a day (0.5) or a full day (1), not ${days}`,
      );
  } else if (input.days !== undefined && input.days !== null) {
    throw new InvalidCommandError('days', `only on-site entries count days; a ${kind} entry has none`);
  }
  const topic = text(input.topic);
  if (!onSite && topic === null)
    throw new InvalidCommandError('topic', `is required for a ${kind} entry: say what it was about`);
  const participants = input.participants ?? null;
  if (participants !== null && (!Number.isInteger(participants) || participants < 0))
    throw new InvalidCommandError('participants', `must be a whole number, 0 or more, not ${participants}`);
  const members = (input.members ?? []).map((m) => required('members', m));
  const issueIds = [...new Set((input.issueIds ?? []).map((id) => required('issueIds', id)))];
  // Links the entry already had were checked when they were made.
  for (const issueId of issueIds.filter((id) => !alreadyLinked.includes(id))) {
    if (!context.issueDistrict) break;
    const found = context.issueDistrict(issueId);
    if (found === null) throw new InvalidCommandError('issueIds', `issue ${issueId} does not exist`);
    if (found !== context.district)
      throw new InvalidCommandError(
        'issueIds',
        `issue ${issueId} is in ${found}, not ${context.district}; link the group's own issues`,
      );
  }
  return {
    kind,
    date: input.date,
    days,
    site: text(input.site),
    topic,
    participants,
    members,
    summary: text(input.summary),
    issueIds,
  };
}

/** A group spends at most one day on site per date: two halves, or one full day. */
function assertOnSiteRoom(state: RecordState, fields: ActivityFields, replacing: string | null): void {
  const adding = onSiteDaysOf(fields);
  if (adding === 0) return;
  const already =
    (state.onSiteByDate[fields.date] ?? 0) - (replacing ? onSiteDaysOf(state.entries[replacing]) : 0);
  if (already + adding > 1) {
    const others = Object.entries(state.entries)
      .filter(([id, e]) => id !== replacing && e.date === fields.date && onSiteDaysOf(e) > 0)
      .map(([id]) => id);
    throw new StateConflictError(
      `${fields.date} already has ${already} on-site day${already === 1 ? '' : 's'} recorded (${others.join(', ')}); ` +
        'a group spends at most one day on site per date: correct that entry instead',
    );
  }
}
