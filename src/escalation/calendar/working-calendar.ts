/**
 * Working days in Asia/Shanghai: Monday to Friday, less the public holidays, plus the
 * make-up working days (调休) the State Council announces each year. The data comes from a
 * maintained package; a day outside the years it covers is an error, never a guess.
 */
export interface WorkingCalendar {
  /** Whether the Shanghai calendar day containing `at` is a working day. @throws CalendarNotCoveredError */
  isWorkingDay(at: Date): boolean;
  /**
   * `days` whole working days after `at`: the same Shanghai wall-clock time on the `days`-th
   * working day after the day of `at` (Friday 15:00 + 1 → Monday 15:00, unless Monday is a
   * holiday). 0 returns `at` unchanged.
   * @throws CalendarNotCoveredError when a day to step over lies outside the covered years.
   */
  addWorkingDays(at: Date, days: number): Date;
  /** The first and last calendar years the holiday data covers. */
  readonly covers: { firstYear: number; lastYear: number };
  /** Where the data comes from, e.g. "chinese-days 1.5.7", for /health and errors. */
  readonly source: string;
}

/** A working-day computation reached a year the holiday data does not cover. */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly covers: { firstYear: number; lastYear: number },
    readonly source: string,
  ) {
    super(
      `the working-day calendar (${source}) covers ${covers.firstYear}–${covers.lastYear}, not ${year}: ` +
        `update the package once the State Council publishes ${year}'s holidays, or use calendar durations (e.g. 3d) for deadlines that far out`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}
