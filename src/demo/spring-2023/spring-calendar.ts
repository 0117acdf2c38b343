/**
 * Working days in Asia/Shanghai from 1 March to 30 June 2023: weekdays without Qingming (5
 * April), the Labour Day holiday (29 April to 3 May) and the Dragon Boat holiday (22 to 24
 * June), with their make-up working days (调休: 23 April, 6 May, 25 June).
 */
const HOLIDAYS = new Set([
  '2023-04-05',
  '2023-04-29',
  '2023-04-30',
  '2023-05-01',
  '2023-05-02',
  '2023-05-03',
  '2023-06-22',
  '2023-06-23',
  '2023-06-24',
]);
const MAKE_UP = new Set(['2023-04-23', '2023-05-06', '2023-06-25']);
const DAY_MS = 86_400_000;

const dates = (first: string, last: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

const isWorkingDay = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return MAKE_UP.has(date) || (weekday >= 1 && weekday <= 5 && !HOLIDAYS.has(date));
};

export const SPRING_WORKING_DAYS: readonly string[] = dates('2023-03-01', '2023-06-30').filter(isWorkingDay);

/** The Mondays of the Monday-to-Sunday weeks touching March to June 2023. */
export const SPRING_WEEKS: readonly string[] = dates('2023-02-27', '2023-06-26').filter(
  (d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1,
);

/** The working days of the week starting on `monday`, within March to June. */
export const workingDaysOfWeek = (monday: string): string[] => {
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10);
  return SPRING_WORKING_DAYS.filter((d) => d >= monday && d <= sunday);
};

/** The n-th working day after `date` (n ≥ 1), or `date` itself for 0. */
export const workingDaysAfter = (date: string, n: number): string => {
  const index = SPRING_WORKING_DAYS.findIndex((d) => d >= date);
  const day = SPRING_WORKING_DAYS[index + n];
  if (!day) throw new Error(`demo: ${n} working days after ${date} is past June 2023`);
  return day;
};

/** '2023-05-09', '09:30' → '2023-05-09T09:30:00+08:00'. */
export const at = (date: string, time: string): string => `${date}T${time}:00+08:00`;
