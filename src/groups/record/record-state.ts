import type { ActivityFields, RecordEvent } from './record-events';

/** One entry as the decider needs it: what it says now, and whether it was withdrawn. */
export type EntryState = ActivityFields & { withdrawn: boolean };

/**
 * A work group's record as its decider sees it: every entry's current fields, the on-site
 * days already counted per date (withdrawn entries excluded), and the practices recorded.
 */
export type RecordState = {
  entries: Readonly<Record<string, EntryState>>;
  onSiteByDate: Readonly<Record<string, number>>;
  practiceIds: readonly string[];
};

export const initialRecordState = (): RecordState => ({ entries: {}, onSiteByDate: {}, practiceIds: [] });

/** The on-site days an entry counts for (0 unless it is a live on-site entry). */
export const onSiteDaysOf = (entry: EntryState | ActivityFields | undefined): number =>
  entry && entry.kind === 'on-site' && !('withdrawn' in entry && entry.withdrawn) ? (entry.days ?? 1) : 0;

function countOnSite(
  byDate: Readonly<Record<string, number>>,
  entry: EntryState | undefined,
  sign: 1 | -1,
): Readonly<Record<string, number>> {
  const days = onSiteDaysOf(entry);
  if (!entry || days === 0) return byDate;
  const total = (byDate[entry.date] ?? 0) + sign * days;
  return { ...byDate, [entry.date]: Math.round(total * 2) / 2 };
}

const fieldsOf = (data: ActivityFields): ActivityFields => ({
  kind: data.kind,
  date: data.date,
  days: data.days,
  site: data.site,
  topic: data.topic,
  participants: data.participants,
  members: data.members,
  summary: data.summary,
  issueIds: data.issueIds,
});

/** Pure: the record after one more event of its stream. */
export function evolveRecord(state: RecordState, event: RecordEvent): RecordState {
  switch (event.type) {
    case 'GroupActivityRecorded':
    case 'GroupActivityCorrected': {
      const before = state.entries[event.data.entryId];
      const after: EntryState = { ...fieldsOf(event.data), withdrawn: false };
      return {
        ...state,
        entries: { ...state.entries, [event.data.entryId]: after },
        onSiteByDate: countOnSite(countOnSite(state.onSiteByDate, before, -1), after, 1),
      };
    }
    case 'GroupActivityWithdrawn': {
      const before = state.entries[event.data.entryId];
      if (!before) return state;
      return {
        ...state,
        entries: { ...state.entries, [event.data.entryId]: { ...before, withdrawn: true } },
        onSiteByDate: countOnSite(state.onSiteByDate, before, -1),
      };
    }
    case 'PracticeTransferred':
      return { ...state, practiceIds: [...state.practiceIds, event.data.practiceId] };
    default: {
      const never: never = event;
      return never;
    }
  }
}
