import type { WorkingCalendar, WorkingDaysResult } from '../calendar/working-calendar';

/**
 * A policy duration: calendar time (down to seconds) or whole working days in the Shanghai
 * working-day calendar. `text` is how the policy file wrote it, for messages and /health.
 */
export type Duration =
  { kind: 'calendar'; ms: number; text: string } | { kind: 'working-days'; days: number; text: string };

/** The instant `duration` after `at`. @throws CalendarNotCoveredError for working days beyond the data. */
export function addDuration(at: Date, duration: Duration, calendar: WorkingCalendar): Date {
  return duration.kind === 'calendar'
    ? new Date(at.getTime() + duration.ms)
    : calendar.addWorkingDays(at, duration.days);
}

/**
 * As `addDuration`, and whether the instant is provisional: working days counted Monday to
 * Friday through a year no holiday data covers (`CALENDAR_UNCOVERED_YEARS=weekdays`). Calendar
 * time is never provisional.
 * @throws CalendarNotCoveredError for working days beyond the data when uncovered years are refused.
 */
export function addDurationWithCoverage(
  at: Date,
  duration: Duration,
  calendar: WorkingCalendar,
): WorkingDaysResult {
  return duration.kind === 'calendar'
    ? { at: new Date(at.getTime() + duration.ms), provisional: false, assumedYears: [] }
    : calendar.addWorkingDaysWithCoverage(at, duration.days);
}
