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
