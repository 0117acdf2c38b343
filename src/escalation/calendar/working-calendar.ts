/**
 * Working days in Asia/Shanghai: Monday to Friday, less the public holidays, plus the
 * make-up working days (调休) the State Council announces each year. The data comes from a
 * maintained package and the operator's calendar file (`HOLIDAYS_FILE`); a year neither
 * covers is refused, or, where the operator chose so, counted Monday to Friday and marked
 * provisional.
 */
export interface WorkingCalendar {
  /**
   * Whether the Shanghai calendar day containing `at` is a working day.
   * @throws CalendarNotCoveredError for a year nobody covers, unless uncovered years count as weekdays.
   */
  isWorkingDay(at: Date): boolean;
  /**
   * `days` whole working days after `at`: the same Shanghai wall-clock time on the `days`-th
   * working day after the day of `at` (Friday 15:00 + 1 → Monday 15:00, unless Monday is a
   * holiday). 0 returns `at` unchanged.
   * @throws CalendarNotCoveredError when a day to step over lies in a year nobody covers and
   * `uncoveredYears` is `refuse`.
   */
  addWorkingDays(at: Date, days: number): Date;
  /**
   * As `addWorkingDays`, and whether the answer is provisional: it stepped over a year nobody
   * covers, counted Monday to Friday (only with `uncoveredYears: 'weekdays'`).
   * @throws CalendarNotCoveredError as `addWorkingDays` does.
   */
  addWorkingDaysWithCoverage(at: Date, days: number): WorkingDaysResult;
  /** Who covers the Shanghai calendar year of `at`, or that nobody does. */
  coverageOf(at: Date): YearCoverage;
  /** Every covered year, in order, with where its data comes from. */
  readonly years: readonly CoveredYear[];
  /** The first and last calendar years the holiday data covers (there may be gaps between: see `years`). */
  readonly covers: { firstYear: number; lastYear: number };
  /** What a year nobody covers means: refused, or counted Monday to Friday. */
  readonly uncoveredYears: UncoveredYearsMode;
  /** Where the data comes from, e.g. "chinese-days 1.5.7", for /health and errors. */
  readonly source: string;
  /** The version in force (see `RulesInForce`); absent for a calendar built on its own. */
  readonly version?: string;
  /**
   * The uncovered years this process has counted Monday to Friday so far (weekdays mode), in
   * order: the only state that changes, kept for /health so an operator sees guesses in use.
   */
  assumedYears(): number[];
}

/** `refuse`: a year nobody covers is an error (the default); `weekdays`: Monday to Friday, provisional. */
export const UNCOVERED_YEARS_MODES = ['refuse', 'weekdays'] as const;
export type UncoveredYearsMode = (typeof UNCOVERED_YEARS_MODES)[number];

/** One year's holiday data and where it comes from. */
export interface CoveredYear {
  year: number;
  /** `package`: the chinese-days data; `file`: the operator's HOLIDAYS_FILE (it overrides the package). */
  from: 'package' | 'file';
  /** For the package its name and version; for the file the `source` the year states (the notice). */
  source: string;
  /** The calendar file's path, for a year from the file. */
  file?: string;
}

/** Who covers a year: its data, or nobody and what that means under the configured mode. */
export type YearCoverage =
  ({ covered: true } & CoveredYear) | { covered: false; year: number; counted: 'refused' | 'as-weekdays' };

/** A working-day computation and whether it rests on a guess. */
export interface WorkingDaysResult {
  at: Date;
  /** True when a year it stepped over is covered by nobody and was counted Monday to Friday. */
  provisional: boolean;
  /** Those years, in order; empty when not provisional. */
  assumedYears: readonly number[];
}

/** A working-day computation reached a year the holiday data does not cover. */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly covers: { firstYear: number; lastYear: number },
    readonly source: string,
    /** How the covered years read when there are gaps, e.g. "2004–2026, 2028"; defaults to the span. */
    coveredText = `${covers.firstYear}–${covers.lastYear}`,
  ) {
    super(
      `the working-day calendar (${source}) covers ${coveredText}, not ${year}: ` +
        `add ${year} to HOLIDAYS_FILE once the State Council publishes its holiday arrangement ` +
        `(or update the chinese-days package), set CALENDAR_UNCOVERED_YEARS=weekdays to count Monday to Friday meanwhile, ` +
        `or use calendar durations (e.g. 3d) for deadlines that far out`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

/** The year a CalendarNotCoveredError's message names, for reports that only kept the message. */
export function uncoveredYearIn(message: string): number | null {
  const match = /, not (\d{4}): add \1 to HOLIDAYS_FILE/.exec(message);
  return match ? Number(match[1]) : null;
}
