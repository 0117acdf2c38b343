import { loadHolidaysFile, type HolidaysFile } from './holidays-file';
import { yearsText } from './years-text';
import {
  CalendarNotCoveredError,
  type CoveredYear,
  type UncoveredYearsMode,
  type WorkingCalendar,
  type WorkingDaysResult,
  type YearCoverage,
} from './working-calendar';

/**
 * The shape of `chinese-days/dist/chinese-days.json`: 'YYYY-MM-DD' keys. `holidays` are the
 * days off (weekend days inside a holiday included), `workdays` the make-up working days (调休)
 * on a Saturday or Sunday; `inLieuDays` (days off given in lieu) are already among the holidays.
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

/** One covered year's days off and make-up working days, and where they come from. */
interface YearData {
  holidays: readonly string[];
  workdays: readonly string[];
  coverage: CoveredYear;
}

/** How the working calendar is put together. */
export interface WorkingCalendarOptions {
  /**
   * The operator's calendar file (`HOLIDAYS_FILE`); each of its years replaces the package's.
   * @defaultValue none: the package's years only
   */
  holidaysFile?: string | null;
  /**
   * What a year neither covers means (`CALENDAR_UNCOVERED_YEARS`).
   * @defaultValue 'refuse'
   */
  uncoveredYears?: UncoveredYearsMode;
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const NONE: readonly number[] = Object.freeze([]);

/** Days since 1970-01-01 of the Shanghai calendar day holding `ms`. */
const shanghaiDay = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const dayOfKey = (key: string): number => Date.parse(`${key}T00:00:00Z`) / DAY_MS;
/** Monday to Friday; day 0 (1970-01-01) was a Thursday. */
const isWeekday = (day: number): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
};

/**
 * Every day from the first to the last covered year is classified once, up front, so the hot
 * path is array indexing: the escalation saga and the benchmark call `addWorkingDays` hundreds
 * of thousands of times. A year nobody covers (a gap between covered years, or any year
 * outside them) is refused, or counted Monday to Friday and reported as assumed.
 */
class ChineseWorkingCalendar implements WorkingCalendar {
  readonly years: readonly CoveredYear[];
  readonly covers: { firstYear: number; lastYear: number };
  readonly uncoveredYears: UncoveredYearsMode;
  readonly source: string;
  private readonly byYear: ReadonlyMap<number, CoveredYear>;
  private readonly coveredText: string;
  /** Day number of 1 January of the first covered year. */
  private readonly firstDay: number;
  /** 1 for a working day, 0 for a day off, indexed by day − firstDay (gap years Monday to Friday). */
  private readonly working: Uint8Array;
  /** How many working days lie before each covered day (prefix count), same index. */
  private readonly workingBefore: Uint32Array;
  /** The covered working days in order, as indexes: the n-th working day is found in O(1). */
  private readonly workingDays: Uint32Array;
  /** How many days of uncovered (gap) years lie before each index; null when there is no gap. */
  private readonly uncoveredBefore: Uint32Array | null;
  private readonly assumed = new Set<number>();

  constructor(data: YearData[], uncoveredYears: UncoveredYearsMode, source: string) {
    if (data.length === 0) throw new Error(`the working-day calendar (${source}) holds no holiday data`);
    this.source = source;
    this.uncoveredYears = uncoveredYears;
    const sorted = [...data].sort((a, b) => a.coverage.year - b.coverage.year);
    this.years = Object.freeze(sorted.map((y) => Object.freeze({ ...y.coverage })));
    this.byYear = new Map(this.years.map((y) => [y.year, y]));
    this.coveredText = yearsText(this.years.map((y) => y.year));
    this.covers = { firstYear: sorted[0].coverage.year, lastYear: sorted[sorted.length - 1].coverage.year };
    this.firstDay = Date.UTC(this.covers.firstYear, 0, 1) / DAY_MS;
    const length = Date.UTC(this.covers.lastYear + 1, 0, 1) / DAY_MS - this.firstDay;

    const holidays = new Set(sorted.flatMap((y) => y.holidays));
    const makeUpDays = new Set(sorted.flatMap((y) => y.workdays));
    this.working = new Uint8Array(length);
    this.workingBefore = new Uint32Array(length);
    const uncoveredBefore = new Uint32Array(length + 1);
    let uncovered = 0;
    const workingDays: number[] = [];
    for (let index = 0; index < length; index++) {
      const date = new Date((this.firstDay + index) * DAY_MS);
      const key = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay();
      const isWorking = makeUpDays.has(key) || (weekday !== 0 && weekday !== 6 && !holidays.has(key));
      this.workingBefore[index] = workingDays.length;
      uncoveredBefore[index] = uncovered;
      if (!this.byYear.has(date.getUTCFullYear())) uncovered++;
      if (isWorking) {
        this.working[index] = 1;
        workingDays.push(index);
      }
    }
    uncoveredBefore[length] = uncovered;
    this.uncoveredBefore = uncovered > 0 ? uncoveredBefore : null;
    this.workingDays = Uint32Array.from(workingDays);
  }

  isWorkingDay(at: Date): boolean {
    const day = this.dayOf(at);
    const index = day - this.firstDay;
    const inTable = index >= 0 && index < this.working.length;
    if (!inTable || (this.uncoveredBefore && this.uncoveredBefore[index + 1] > this.uncoveredBefore[index])) {
      this.assume([yearOfDay(day)]);
    }
    return inTable ? this.working[index] === 1 : isWeekday(day);
  }

  addWorkingDays(at: Date, days: number): Date {
    // The hot path, without a result object: inside the covered years, with no gap among them.
    if (days > 0 && Number.isInteger(days) && !this.uncoveredBefore) {
      const index = shanghaiDay(at.getTime()) - this.firstDay;
      if (index >= 0 && index < this.working.length) {
        const target = this.workingBefore[index] + this.working[index] + days - 1;
        if (target < this.workingDays.length) {
          return new Date(at.getTime() + (this.workingDays[target] - index) * DAY_MS);
        }
      }
    }
    return this.addWorkingDaysWithCoverage(at, days).at;
  }

  addWorkingDaysWithCoverage(at: Date, days: number): WorkingDaysResult {
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`working days to add must be a whole number of at least 0, got ${days}`);
    }
    if (days === 0) return { at, provisional: false, assumedYears: NONE };
    const start = this.dayOf(at);
    const target = this.targetDay(start, days);
    const assumed = this.uncoveredBetween(start, target);
    if (assumed.length > 0) this.assume(assumed);
    // A fixed offset keeps the Shanghai wall-clock time when whole days are added.
    return {
      at: new Date(at.getTime() + (target - start) * DAY_MS),
      provisional: assumed.length > 0,
      assumedYears: assumed,
    };
  }

  coverageOf(at: Date): YearCoverage {
    const year = yearOfDay(this.dayOf(at));
    const covered = this.byYear.get(year);
    if (covered) return { covered: true, ...covered };
    return { covered: false, year, counted: this.uncoveredYears === 'refuse' ? 'refused' : 'as-weekdays' };
  }

  assumedYears(): number[] {
    return [...this.assumed].sort((a, b) => a - b);
  }

  /** The day number of the `days`-th working day after `start` (days ≥ 1). */
  private targetDay(start: number, days: number): number {
    const index = start - this.firstDay;
    const inTable = index >= 0 && index < this.working.length;
    if (inTable) {
      // Working days up to and including the start day; the target is the `days`-th after those.
      const target = this.workingBefore[index] + this.working[index] + days - 1;
      if (target < this.workingDays.length) return this.firstDay + this.workingDays[target];
    }
    if (this.uncoveredYears === 'refuse') {
      this.assume([inTable ? this.covers.lastYear + 1 : yearOfDay(start)]);
    }
    // Only with uncovered years as weekdays: step day by day where the table ends.
    let day = start;
    let left = days;
    if (inTable) {
      left -= this.workingDays.length - (this.workingBefore[index] + this.working[index]);
      day = this.firstDay + this.working.length - 1;
    }
    while (left > 0) {
      day++;
      const at = day - this.firstDay;
      if (at >= 0 && at < this.working.length ? this.working[at] === 1 : isWeekday(day)) left--;
    }
    return day;
  }

  /** The years nobody covers from the year of `start` to that of `end`, in order. */
  private uncoveredBetween(start: number, end: number): readonly number[] {
    const from = start - this.firstDay;
    const to = end - this.firstDay;
    if (from >= 0 && to < this.working.length) {
      if (!this.uncoveredBefore || this.uncoveredBefore[to + 1] === this.uncoveredBefore[from]) return NONE;
    }
    const years: number[] = [];
    for (let year = yearOfDay(start); year <= yearOfDay(end); year++) {
      if (!this.byYear.has(year)) years.push(year);
    }
    return years;
  }

  /** Uncovered years met: an error when refused, else remembered for /health. */
  private assume(years: readonly number[]): void {
    if (this.uncoveredYears === 'refuse') {
      throw new CalendarNotCoveredError(years[0], this.covers, this.source, this.coveredText);
    }
    for (const year of years) this.assumed.add(year);
  }

  private dayOf(at: Date): number {
    const day = shanghaiDay(at.getTime());
    if (Number.isNaN(day)) throw new RangeError('the working-day calendar was given an invalid date');
    return day;
  }
}

/** The package's data, one entry per year it holds; its keys are checked to be plain dates. */
function packageYears(): { years: YearData[]; source: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('chinese-days/package.json') as { version: string };
  const source = `chinese-days ${version}`;
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  const add = (keys: string[], kind: 'holidays' | 'workdays') => {
    for (const key of keys) {
      // A key that is not a plain date would otherwise be ignored without a word.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(key) || !Number.isInteger(dayOfKey(key))) {
        throw new Error(`the working-day calendar (${source}) has a bad date key "${key}"`);
      }
      const year = Number(key.slice(0, 4));
      const entry = byYear.get(year) ?? { holidays: [], workdays: [] };
      entry[kind].push(key);
      byYear.set(year, entry);
    }
  };
  add(Object.keys(data.holidays), 'holidays');
  add(Object.keys(data.workdays), 'workdays');
  const years = [...byYear].map(([year, days]) => ({
    ...days,
    coverage: { year, from: 'package' as const, source },
  }));
  return { years, source };
}

let shared: WorkingCalendar | undefined;

/**
 * The Asia/Shanghai working-day calendar: the npm package `chinese-days`, with the years of
 * the operator's calendar file over it (a year from the file replaces the package's). The
 * package's data file is read directly rather than its `isWorkday()`, which treats any year it
 * lacks as plain Monday-to-Friday without a word: here such a year is refused, or, with
 * `uncoveredYears: 'weekdays'`, counted so and marked provisional. Without options the one
 * package-only instance of the process is returned.
 * @throws HolidaysFileError naming the bad entry of the calendar file.
 */
export function chineseWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const mode = options.uncoveredYears ?? 'refuse';
  if (!options.holidaysFile && mode === 'refuse') {
    shared ??= build(null, mode);
    return shared;
  }
  return build(options.holidaysFile ?? null, mode);
}

function build(holidaysFile: string | null, mode: UncoveredYearsMode): WorkingCalendar {
  return holidaysFile
    ? workingCalendarFrom(loadHolidaysFile(holidaysFile), mode)
    : workingCalendarFrom(null, mode);
}

/** The package's name and version, e.g. "chinese-days 1.5.7": part of a calendar's version. */
export function packageSource(): string {
  return packageYears().source;
}

/**
 * The calendar of the package's years with a loaded calendar file's years over them (none for
 * `null`): the file's, or one recorded in the log (the content of a `WorkingCalendarInstalled`),
 * so an earlier version can be rebuilt to compare times with.
 */
export function workingCalendarFrom(file: HolidaysFile | null, mode: UncoveredYearsMode): WorkingCalendar {
  const fromPackage = packageYears();
  if (!file) return new ChineseWorkingCalendar(fromPackage.years, mode, fromPackage.source);
  const fromFile = new Map<number, YearData>(
    file.years.map((y) => [
      y.year,
      {
        holidays: y.holidays,
        workdays: y.workdays,
        coverage: { year: y.year, from: 'file', source: y.source, file: file.file },
      },
    ]),
  );
  const years = [...fromPackage.years.filter((y) => !fromFile.has(y.coverage.year)), ...fromFile.values()];
  return new ChineseWorkingCalendar(years, mode, `${fromPackage.source} and HOLIDAYS_FILE ${file.file}`);
}
