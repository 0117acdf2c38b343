import { CalendarNotCoveredError, type WorkingCalendar } from './working-calendar';

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

const DAY_MS = 86_400_000;
/** Asia/Shanghai has been UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of the Shanghai calendar day holding `ms`. */
const shanghaiDay = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const dayOfKey = (key: string): number => Date.parse(`${key}T00:00:00Z`) / DAY_MS;

/**
 * Every covered day is classified once, up front, so the hot path is array indexing: the
 * escalation saga and the benchmark call `addWorkingDays` hundreds of thousands of times.
 */
class ChineseWorkingCalendar implements WorkingCalendar {
  readonly covers: { firstYear: number; lastYear: number };
  readonly source: string;
  /** Day number of 1 January of the first covered year. */
  private readonly firstDay: number;
  /** 1 for a working day, 0 for a day off, indexed by day − firstDay. */
  private readonly working: Uint8Array;
  /** How many working days lie before each covered day (prefix count), same index. */
  private readonly workingBefore: Uint32Array;
  /** The covered working days in order, as indexes: the n-th working day is found in O(1). */
  private readonly workingDays: Uint32Array;

  constructor(data: ChineseDaysData, source: string) {
    this.source = source;
    const holidays = new Set(Object.keys(data.holidays));
    const makeUpDays = new Set(Object.keys(data.workdays));
    // A key that is not a plain date would otherwise be ignored without a word.
    for (const key of [...holidays, ...makeUpDays]) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(key) || !Number.isInteger(dayOfKey(key))) {
        throw new Error(`the working-day calendar (${source}) has a bad date key "${key}"`);
      }
    }
    const years = [...holidays, ...makeUpDays].map((key) => Number(key.slice(0, 4)));
    if (years.length === 0) throw new Error(`the working-day calendar (${source}) holds no holiday data`);
    this.covers = { firstYear: Math.min(...years), lastYear: Math.max(...years) };
    this.firstDay = Date.UTC(this.covers.firstYear, 0, 1) / DAY_MS;
    const length = Date.UTC(this.covers.lastYear + 1, 0, 1) / DAY_MS - this.firstDay;

    this.working = new Uint8Array(length);
    this.workingBefore = new Uint32Array(length);
    const workingDays: number[] = [];
    for (let index = 0; index < length; index++) {
      const date = new Date((this.firstDay + index) * DAY_MS);
      const key = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay();
      const isWorking = makeUpDays.has(key) || (weekday !== 0 && weekday !== 6 && !holidays.has(key));
      this.workingBefore[index] = workingDays.length;
      if (isWorking) {
        this.working[index] = 1;
        workingDays.push(index);
      }
    }
    this.workingDays = Uint32Array.from(workingDays);
  }

  isWorkingDay(at: Date): boolean {
    return this.working[this.indexOf(shanghaiDay(at.getTime()))] === 1;
  }

  addWorkingDays(at: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`working days to add must be a whole number of at least 0, got ${days}`);
    }
    if (days === 0) return at;
    const day = shanghaiDay(at.getTime());
    const index = this.indexOf(day);
    // Working days up to and including the start day; the target is the `days`-th after those.
    const target = this.workingBefore[index] + this.working[index] + days - 1;
    if (target >= this.workingDays.length) {
      throw new CalendarNotCoveredError(this.covers.lastYear + 1, this.covers, this.source);
    }
    // A fixed offset keeps the Shanghai wall-clock time when whole days are added.
    return new Date(at.getTime() + (this.workingDays[target] - index) * DAY_MS);
  }

  /** The table index of a day number. @throws CalendarNotCoveredError outside the data. */
  private indexOf(day: number): number {
    if (Number.isNaN(day)) throw new RangeError('the working-day calendar was given an invalid date');
    const index = day - this.firstDay;
    if (index < 0 || index >= this.working.length) {
      throw new CalendarNotCoveredError(yearOfDay(day), this.covers, this.source);
    }
    return index;
  }
}

let shared: WorkingCalendar | undefined;

/**
 * The Asia/Shanghai working-day calendar from the npm package `chinese-days`. Its data file is
 * read directly rather than its `isWorkday()`, which treats any year it lacks as plain
 * Monday-to-Friday: here such a year is a CalendarNotCoveredError instead of a silent guess.
 * Built once per process; the instance is immutable.
 */
export function chineseWorkingCalendar(): WorkingCalendar {
  if (!shared) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { version } = require('chinese-days/package.json') as { version: string };
    shared = new ChineseWorkingCalendar(data, `chinese-days ${version}`);
  }
  return shared;
}
