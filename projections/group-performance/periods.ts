/**
 * Reporting periods in Asia/Shanghai time, which is UTC+8 all year (no daylight saving), so a
 * business time's local calendar date is simply its UTC instant plus eight hours.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The day, month, quarter and year keys ('2023-03-15', '2023-03', '2023-Q1', '2023'). */
export function shanghaiPeriods(
  isoTime: string,
): [day: string, month: string, quarter: string, year: string] {
  const local = new Date(Date.parse(isoTime) + SHANGHAI_OFFSET_MS).toISOString();
  const year = local.slice(0, 4);
  const month = local.slice(0, 7);
  const quarter = `${year}-Q${Math.floor((Number(local.slice(5, 7)) - 1) / 3) + 1}`;
  return [local.slice(0, 10), month, quarter, year];
}

/** The `group_perf` document id of one district's bucket for one period. */
export const bucketId = (district: string, period: string): string => `${district}:${period}`;

/** The day, month, quarter and year keys of a local date `YYYY-MM-DD` (the record's dates). */
export function datePeriods(date: string): [day: string, month: string, quarter: string, year: string] {
  const year = date.slice(0, 4);
  const quarter = `${year}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  return [date, date.slice(0, 7), quarter, year];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Monday (`YYYY-MM-DD`) of the Monday-to-Sunday week a local date falls in. */
export function weekOf(date: string): string {
  const time = Date.parse(`${date}T00:00:00.000Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(time - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** The next local date. */
export const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);

/** The first and last local dates of a period key (year, quarter, month or day). */
export function periodDates(key: string): { first: string; last: string } {
  const year = Number(key.slice(0, 4));
  const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const quarter = /^\d{4}-Q([1-4])$/.exec(key);
  if (quarter) {
    const firstMonth = (Number(quarter[1]) - 1) * 3 + 1;
    return {
      first: `${year}-${String(firstMonth).padStart(2, '0')}-01`,
      last: lastOfMonth(year, firstMonth + 2),
    };
  }
  if (/^\d{4}-\d{2}$/.test(key))
    return { first: `${key}-01`, last: lastOfMonth(year, Number(key.slice(5, 7))) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return { first: key, last: key };
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}
