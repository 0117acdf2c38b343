import type { WorkingCalendar } from '../calendar/working-calendar';

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
