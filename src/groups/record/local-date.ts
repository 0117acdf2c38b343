import { InvalidCommandError } from '../../shared-kernel/domain-errors';

/**
 * Calendar dates of the record, `YYYY-MM-DD` in Asia/Shanghai (UTC+8 all year, no daylight
 * saving), so "today" is the UTC instant plus eight hours.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const EARLIEST_DATE = '2000-01-01';

/** Today's date in Shanghai at `now`. */
export const shanghaiDate = (now: Date): string =>
  new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** True for a real calendar date written `YYYY-MM-DD` (no 2023-02-29). */
export function isCalendarDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date an activity happened on: real, not before 2000, not after today in Shanghai. */
export function assertPastDate(field: string, date: string, now: Date): void {
  if (!isCalendarDate(date))
    throw new InvalidCommandError(field, `${JSON.stringify(date)} is not a date; write it YYYY-MM-DD`);
  if (date < EARLIEST_DATE) throw new InvalidCommandError(field, `${date} is before ${EARLIEST_DATE}`);
  const today = shanghaiDate(now);
  if (date > today)
    throw new InvalidCommandError(
      field,
      `${date} is in the future (today is ${today} in Shanghai); record what has happened`,
    );
}
