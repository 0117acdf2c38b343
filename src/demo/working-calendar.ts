import type { Random } from './random';

/**
 * The Q1 2023 Asia/Shanghai working days: weekdays from 3 January to 31 March, without the
 * Spring Festival holiday (23–27 January) and with its make-up working weekend (28–29
 * January, 调休). Demo times fall only on these days, in office hours.
 */
export const WORKING_DAYS_Q1_2023: readonly string[] = (() => {
  const holidays = new Set(['2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27']);
  const makeUp = new Set(['2023-01-28', '2023-01-29']);
  const days: string[] = [];
  for (
    let d = new Date(Date.UTC(2023, 0, 3));
    d < new Date(Date.UTC(2023, 3, 1));
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const iso = d.toISOString().slice(0, 10);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    if ((weekday && !holidays.has(iso)) || makeUp.has(iso)) days.push(iso);
  }
  return days;
})();

/** Index of 31 March in WORKING_DAYS_Q1_2023. */
export const LAST_DAY = WORKING_DAYS_Q1_2023.length - 1;
export const OPEN = 8 * 60 + 30; // 08:30
const NOON = 12 * 60;
const AFTERNOON = 14 * 60;
export const CLOSE = 17 * 60 + 30; // 17:30

/**
 * A business moment: a working-day index and minutes after midnight. Days are counted in
 * working days so that a timeline can be built first and moved along the quarter afterwards
 * without ever landing on a weekend or the Spring Festival.
 */
export type Moment = { day: number; minute: number };

export const order = (m: Moment): number => m.day * 1440 + m.minute;

export const iso = (m: Moment): string => {
  const date = WORKING_DAYS_Q1_2023[m.day];
  if (date === undefined) throw new Error(`working day ${m.day} is outside Q1 2023`);
  const hh = String(Math.floor(m.minute / 60)).padStart(2, '0');
  const mm = String(m.minute % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:00+08:00`;
};

/** A random office-hours minute: 08:30–11:45 or 14:00–17:00 (no one files during lunch). */
export const officeMinute = (rnd: Random): number => {
  const slot = rnd.int(0, 76);
  return slot < 40 ? OPEN + slot * 5 : AFTERNOON + (slot - 40) * 5;
};

/** A random morning minute, 08:30–11:00: when deadlines are chased and extensions asked. */
export const morningMinute = (rnd: Random): number => OPEN + rnd.int(0, 30) * 5;

/** Some working days later (or later the same day when `days` is 0), in office hours. */
export const after = (m: Moment, days: number, rnd: Random): Moment => {
  if (days === 0) {
    let minute = m.minute + rnd.int(2, 18) * 5;
    if (minute >= NOON && minute < AFTERNOON) minute += AFTERNOON - NOON;
    if (minute <= CLOSE - 30) return { day: m.day, minute };
  }
  return { day: m.day + Math.max(days, 1), minute: officeMinute(rnd) };
};

/** Deadlines fall at the end of the working day. */
export const dueOn = (day: number): Moment => ({ day, minute: CLOSE });

/** '03-06', '09:10' → '2023-03-06T09:10:00+08:00' (Xiamen keeps no daylight saving). */
export const q1 = (monthDay: string, time: string): string => `2023-${monthDay}T${time}:00+08:00`;
