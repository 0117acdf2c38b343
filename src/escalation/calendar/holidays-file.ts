import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One year of the operator's calendar file, as published: days off and make-up working days. */
export interface HolidayYear {
  year: number;
  /** Where the year was published, e.g. "国务院办公厅关于2027年部分节假日安排的通知". */
  source: string;
  /** Every day off, ranges expanded, as 'YYYY-MM-DD', in order. */
  holidays: string[];
  /** The make-up working days (调休) on a Saturday or Sunday, as 'YYYY-MM-DD', in order. */
  workdays: string[];
}

/** A loaded, validated calendar file. */
export interface HolidaysFile {
  /** The file's absolute path. */
  file: string;
  /** Its years in order; each replaces the package's data for that year. */
  years: HolidayYear[];
}

/** A calendar file that cannot be used; the message names the file and the bad entry. */
export class HolidaysFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidaysFileError';
  }
}

const YEAR_KEYS = ['source', 'holidays', 'workdays'];
const DAY_MS = 86_400_000;
/** The longest stretch one entry may span: no public holiday lasts a month, so a longer one is a typo. */
const LONGEST_RANGE_DAYS = 31;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HOW_TO_WRITE = 'write a day as "2027-01-01" and a range as "2027-02-06/2027-02-13"';

type Raw = Record<string, unknown>;
const isMapping = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads and validates the operator's calendar file (`HOLIDAYS_FILE`, YAML):
 *
 * ```yaml
 * years:
 *   2027:
 *     source: "国务院办公厅关于2027年部分节假日安排的通知"
 *     holidays: ["2027-01-01", "2027-02-06/2027-02-13"]   # days off; a/b is a range
 *     workdays: ["2027-02-14"]                            # make-up working days (调休)
 * ```
 *
 * Each year needs its source and its days off; every date lies inside its year, a range runs
 * forward, no day is listed twice, none is both off and working, and a make-up working day
 * falls on a Saturday or Sunday (any other day works anyway, so it is a typo). A file holding
 * no years (the shipped example, all commented out) is valid and adds nothing.
 * @throws HolidaysFileError whose message names the file and the entry, e.g.
 * `HOLIDAYS_FILE …/holidays.yaml: years.2027.holidays.1: …`.
 */
export function loadHolidaysFile(file: string): HolidaysFile {
  const source = path.resolve(file);
  const fail = (entry: string, problem: string): HolidaysFileError =>
    new HolidaysFileError(`HOLIDAYS_FILE ${source}${entry ? `: ${entry}` : ''}: ${problem}`);
  const doc = readDocument(source, fail);
  if (doc === null || doc === undefined) return { file: source, years: [] };
  if (!isMapping(doc)) throw fail('', 'must be a mapping with `years`');
  for (const key of Object.keys(doc)) {
    if (key !== 'years') throw fail(key, 'unknown key; the top level allows years');
  }
  if (doc.years === null || doc.years === undefined) return { file: source, years: [] };
  if (!isMapping(doc.years)) throw fail('years', 'must be a mapping from a year (e.g. 2027) to its holidays');
  const years = Object.entries(doc.years).map(([key, entry]) => readYear(key, entry, fail));
  return { file: source, years: years.sort((a, b) => a.year - b.year) };
}

function readDocument(source: string, fail: (entry: string, problem: string) => HolidaysFileError): unknown {
  if (!['.yaml', '.yml', '.json'].includes(path.extname(source).toLowerCase())) {
    throw fail('', 'must be a .yaml or .yml file (or .json)');
  }
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw fail('', `cannot be read (${(error as Error).message})`);
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw fail('', `cannot be parsed as YAML: ${(error as Error).message}`);
  }
}

function readYear(
  key: string,
  entry: unknown,
  fail: (entry: string, problem: string) => HolidaysFileError,
): HolidayYear {
  const where = `years.${key}`;
  if (!/^\d{4}$/.test(key)) throw fail(where, 'is not a year; write the four digits, e.g. 2027');
  const year = Number(key);
  if (!isMapping(entry)) throw fail(where, `must be a mapping with ${YEAR_KEYS.join(', ')}`);
  for (const name of Object.keys(entry)) {
    if (!YEAR_KEYS.includes(name))
      throw fail(`${where}.${name}`, `unknown key; a year allows ${YEAR_KEYS.join(', ')}`);
  }
  const source = entry.source;
  if (typeof source !== 'string' || source.trim() === '') {
    throw fail(
      `${where}.source`,
      `${source === undefined ? 'is missing' : `must be a non-empty text, got ${JSON.stringify(source)}`}; ` +
        'name where the year was published, e.g. "国务院办公厅关于2027年部分节假日安排的通知"',
    );
  }
  if (entry.holidays === undefined)
    throw fail(`${where}.holidays`, `is missing; list the days off, ${HOW_TO_WRITE}`);
  if (!Array.isArray(entry.holidays) || entry.holidays.length === 0) {
    throw fail(`${where}.holidays`, `must be a non-empty list of the days off; ${HOW_TO_WRITE}`);
  }
  const workdaysRaw = entry.workdays ?? [];
  if (!Array.isArray(workdaysRaw)) {
    throw fail(
      `${where}.workdays`,
      `must be a list of the make-up working days (may be empty); ${HOW_TO_WRITE}`,
    );
  }

  /** Each day seen so far and the entry that listed it, to name both in a clash. */
  const seen = new Map<string, { entry: string; text: string; off: boolean }>();
  const collect = (list: unknown[], name: 'holidays' | 'workdays'): string[] => {
    const days: string[] = [];
    list.forEach((item, index) => {
      const at = `${where}.${name}.${index}`;
      for (const day of expand(item, year, (problem) => fail(at, problem))) {
        const earlier = seen.get(day);
        if (earlier) {
          const there = `${earlier.entry} (${JSON.stringify(earlier.text)})`;
          throw fail(
            at,
            earlier.off === (name === 'holidays')
              ? `${day} is already listed in ${there}`
              : `${day} is also a ${earlier.off ? 'day off' : 'make-up working day'} in ${there}; a day is either off or working, not both`,
          );
        }
        if (name === 'workdays') {
          const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
          if (weekday !== 0 && weekday !== 6) {
            throw fail(
              at,
              `${day} is a ${WEEKDAYS[weekday]}, a working day anyway; make-up working days (调休) fall on a Saturday or Sunday`,
            );
          }
        }
        seen.set(day, { entry: at, text: String(item), off: name === 'holidays' });
        days.push(day);
      }
    });
    return days.sort();
  };
  const holidays = collect(entry.holidays, 'holidays');
  const workdays = collect(workdaysRaw, 'workdays');
  return { year, source: source.trim(), holidays, workdays };
}

/** The days one entry names: a day, or a range `a/b` with both ends included. */
function expand(item: unknown, year: number, fail: (problem: string) => HolidaysFileError): string[] {
  if (typeof item !== 'string') throw fail(`${JSON.stringify(item)} is not a date; ${HOW_TO_WRITE}`);
  const parts = item.split('/').map((part) => part.trim());
  if (parts.length > 2) throw fail(`"${item}" has more than one "/"; ${HOW_TO_WRITE}`);
  const days = parts.map((part) => {
    const day = dayOf(part);
    if (day === null) throw fail(`"${part}" is not a date; ${HOW_TO_WRITE}`);
    const dayYear = new Date(day * DAY_MS).getUTCFullYear();
    if (dayYear !== year) {
      throw fail(
        `${part} is in ${dayYear}, not ${year}; a day belongs under its own year ` +
          `(a notice that names a day of the year before or after is entered under that year)`,
      );
    }
    return day;
  });
  const [first, last = first] = days;
  if (last < first) throw fail(`"${item}" ends before it starts; write the earlier day first`);
  if (last - first + 1 > LONGEST_RANGE_DAYS) {
    throw fail(
      `"${item}" spans ${last - first + 1} days; no holiday lasts over ${LONGEST_RANGE_DAYS}: check the dates`,
    );
  }
  const result: string[] = [];
  for (let day = first; day <= last; day++) result.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  return result;
}

/** Days since 1970-01-01 of a real 'YYYY-MM-DD' date (2027-02-30 is not one), else null. */
function dayOf(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
  return ms / DAY_MS;
}
