import type { WorkingCalendar } from '../calendar/working-calendar';

/** A period in which deadlines stand still: [from, endsAt), ISO times. */
export interface SuspendedPeriod {
  from: string;
  endsAt: string;
}

/** How a deadline's allowed time is counted: every hour, or only the hours of working days. */
export type Counted = 'calendar' | 'working';

/** Shanghai is UTC+8 all year (no daylight saving): its days start at 16:00 UTC. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
/** A walk through working days gives up after this many days (a calendar without working days). */
const MAX_DAYS = 3 * 366;

const dayEnd = (at: number): number =>
  Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - SHANGHAI_OFFSET_MS;

/**
 * The moment a deadline falls due once suspended periods stop its clock: the allowed time from
 * `start` to `due`, counted as the deadline counts it, runs only outside the periods. A
 * calendar deadline moves by the calendar time suspended inside its allowed time; a working-day
 * deadline by the working time suspended (a period over a weekend moves it by nothing, one over
 * a make-up working day 调休 by that day). A period that began before `start` (an item assigned
 * during a typhoon stop) starts the clock at its end; one after the deadline changes nothing.
 * Pure; `calendar` tells working days (and throws CalendarNotCoveredError as it does).
 */
export function afterSuspensions(
  start: Date,
  due: Date,
  counted: Counted,
  periods: readonly SuspendedPeriod[],
  calendar: WorkingCalendar,
): Date {
  return afterMergedPeriods(start, due, counted, mergePeriods(periods), calendar);
}

/** Periods as `mergePeriods` gives them: in time order, none overlapping, times in ms. */
export type MergedPeriods = ReadonlyArray<{ readonly from: number; readonly endsAt: number }>;

/**
 * `afterSuspensions` with the periods merged once by the caller: an issue's checks measure
 * each of its deadlines, its warning and every level against the same periods, and the
 * reconciler derives the checks of every pending issue on each pass.
 */
export function afterMergedPeriods(
  start: Date,
  due: Date,
  counted: Counted,
  periods: MergedPeriods,
  calendar: WorkingCalendar,
): Date {
  // Most issues are covered by no suspension.
  if (periods.length === 0) return due;
  const merged = periods.filter((p) => p.endsAt > start.getTime());
  if (merged.length === 0 || merged[0].from > due.getTime()) return due;
  const clock = counted === 'calendar' ? calendarClock : workingClock(calendar);
  let remaining = clock.measure(start.getTime(), due.getTime());
  let cursor = start.getTime();
  for (const period of merged) {
    const reach = clock.advance(cursor, remaining);
    // A deadline falling due the moment a period begins is held over it too.
    if (period.from > reach) break;
    if (period.from > cursor) remaining -= clock.measure(cursor, period.from);
    cursor = Math.max(cursor, period.endsAt);
  }
  return new Date(clock.advance(cursor, remaining));
}

/** The periods in time order, overlapping ones joined (a district's stop inside the city's). */
export function mergePeriods(periods: readonly SuspendedPeriod[]): Array<{ from: number; endsAt: number }> {
  if (periods.length === 0) return [];
  const sorted = periods
    .map((p) => ({ from: Date.parse(p.from), endsAt: Date.parse(p.endsAt) }))
    .filter((p) => p.endsAt > p.from)
    .sort((a, b) => a.from - b.from);
  const merged: Array<{ from: number; endsAt: number }> = [];
  for (const period of sorted) {
    const last = merged[merged.length - 1];
    if (last && period.from <= last.endsAt) last.endsAt = Math.max(last.endsAt, period.endsAt);
    else merged.push({ ...period });
  }
  return merged;
}

/** The period in force at `at`, if any. */
export function periodAt<P extends SuspendedPeriod>(periods: readonly P[], at: Date): P | null {
  const t = at.getTime();
  return periods.find((p) => Date.parse(p.from) <= t && t < Date.parse(p.endsAt)) ?? null;
}

interface DeadlineClock {
  /** The counted time between two moments (ms). */
  measure(from: number, to: number): number;
  /** The first moment `ms` of counted time after `from`. */
  advance(from: number, ms: number): number;
}

const calendarClock: DeadlineClock = {
  measure: (from, to) => Math.max(0, to - from),
  advance: (from, ms) => from + ms,
};

/**
 * Counts the hours of working days only. A count used up exactly at the end of a working day
 * lands at the start of the next one, as `addWorkingDays` does (00:00 + 1 wd is 00:00 of the
 * next working day, not 24:00 of this one).
 */
function workingClock(calendar: WorkingCalendar): DeadlineClock {
  const working = (at: number) => calendar.isWorkingDay(new Date(at));
  return {
    measure(from, to) {
      let total = 0;
      for (let cursor = from, days = 0; cursor < to && days < MAX_DAYS; days++) {
        const end = Math.min(dayEnd(cursor), to);
        if (working(cursor)) total += end - cursor;
        cursor = end;
      }
      return total;
    },
    advance(from, ms) {
      let remaining = ms;
      for (let cursor = from, days = 0; days < MAX_DAYS; days++) {
        const end = dayEnd(cursor);
        if (working(cursor)) {
          if (remaining < end - cursor) return cursor + remaining;
          remaining -= end - cursor;
        }
        cursor = end;
      }
      throw new Error(`no working day within ${MAX_DAYS} days of ${new Date(from).toISOString()}`);
    },
  };
}
