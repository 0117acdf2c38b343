import { nextDate, periodDates, weekOf } from './periods';

/** The days-on-site target of the bureau: two and a half days a week (每周不少于两天半). */
export const ON_SITE_DAYS_PER_WEEK = 2.5;
const round2 = (n: number): number => Math.round(n * 100) / 100;
/** Floating sums of halves and sevenths: a week exactly on target counts as on target. */
const EPSILON = 1e-9;

export interface OnSiteWeeks {
  /** Days of the period counted so far (up to the answer's date). */
  days: number;
  /** 2.5 days for each Monday-to-Sunday week of those days, a partial week pro rata. */
  onSiteTarget: number;
  /** Monday-to-Sunday weeks touching those days. */
  weeks: number;
  /** Weeks whose days on site (within the period) reached their own pro-rata target. */
  weeksOnTarget: number;
}

/**
 * The on-site target of a period as of a local date: the period's days up to `today` (all
 * of them once it is over, none before it starts), grouped into Monday-to-Sunday weeks. A
 * week cut by the period's start or end, or by today, is counted pro rata: 2.5 × its days / 7.
 */
export function onSiteWeeks(periodKey: string, byWeek: Record<string, number>, today: string): OnSiteWeeks {
  const { first, last } = periodDates(periodKey);
  const end = last < today ? last : today;
  if (end < first) return { days: 0, onSiteTarget: 0, weeks: 0, weeksOnTarget: 0 };
  const daysPerWeek = new Map<string, number>();
  let days = 0;
  for (let date = first; date <= end; date = nextDate(date)) {
    const week = weekOf(date);
    daysPerWeek.set(week, (daysPerWeek.get(week) ?? 0) + 1);
    days++;
  }
  let weeksOnTarget = 0;
  for (const [week, inPeriod] of daysPerWeek) {
    if ((byWeek[week] ?? 0) + EPSILON >= (ON_SITE_DAYS_PER_WEEK * inPeriod) / 7) weeksOnTarget++;
  }
  return {
    days,
    onSiteTarget: round2((ON_SITE_DAYS_PER_WEEK * days) / 7),
    weeks: daysPerWeek.size,
    weeksOnTarget,
  };
}
