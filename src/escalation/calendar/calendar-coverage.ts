import type { CoveredYear, WorkingCalendar } from './working-calendar';

/** Consecutive years from one source, e.g. 2004–2026 from the package. */
export interface CoverageRun {
  /** "2004–2026" or "2027". */
  years: string;
  first: number;
  last: number;
  from: CoveredYear['from'];
  source: string;
  file?: string;
}

/** What /health says about the working-day calendar. */
export interface CalendarHealth {
  source: string;
  covers: { firstYear: number; lastYear: number };
  /** Where each covered year comes from, as runs. */
  years: CoverageRun[];
  /** CALENDAR_UNCOVERED_YEARS: `refuse`, or `weekdays` (counted Monday to Friday, provisional). */
  uncoveredYears: WorkingCalendar['uncoveredYears'];
  /** Uncovered years this engine has counted Monday to Friday so far: deadlines through them are provisional. */
  assumedYears: number[];
}

/** The covered years grouped into runs of one source, in order. */
export function coverageRuns(calendar: WorkingCalendar): CoverageRun[] {
  const runs: CoverageRun[] = [];
  for (const year of calendar.years) {
    const run = runs[runs.length - 1];
    if (run && run.last === year.year - 1 && run.from === year.from && run.source === year.source) {
      run.last = year.year;
      run.years = `${run.first}–${run.last}`;
      continue;
    }
    runs.push({
      years: String(year.year),
      first: year.year,
      last: year.year,
      from: year.from,
      source: year.source,
      ...(year.file && { file: year.file }),
    });
  }
  return runs;
}

export function calendarHealth(calendar: WorkingCalendar): CalendarHealth {
  return {
    source: calendar.source,
    covers: calendar.covers,
    years: coverageRuns(calendar),
    uncoveredYears: calendar.uncoveredYears,
    assumedYears: calendar.assumedYears(),
  };
}
