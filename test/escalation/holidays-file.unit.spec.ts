import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HolidaysFileError, loadHolidaysFile } from '../../src/escalation/calendar/holidays-file';

const EXAMPLE = path.resolve(__dirname, '../../config/holidays.example.yaml');
const FIXTURE = path.resolve(__dirname, 'fixtures/holidays-2027.made-up.yaml');

describe('the calendar file (HOLIDAYS_FILE): shipped example and test fixture', () => {
  it('ships an example that adds no year as it stands (all commented out)', () => {
    expect(loadHolidaysFile(EXAMPLE)).toEqual({ file: EXAMPLE, years: [] });
  });

  it('ships an example whose commented block is a valid file, for a made-up year nobody would use', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const block = text.slice(text.indexOf('# years:')).replace(/^# ?/gm, '');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-')), 'uncommented.yaml');
    fs.writeFileSync(file, block);
    const { years } = loadHolidaysFile(file);
    expect(years.map((y) => y.year)).toEqual([2999]);
    expect(years[0].source).toContain('虚构');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('reads a year: its source, every day off with ranges expanded, and the make-up working days', () => {
    expect(loadHolidaysFile(FIXTURE).years).toEqual([
      {
        year: 2027,
        source: "测试用虚构数据 (made up for the tests, not the State Council's 2027 arrangement)",
        holidays: [
          '2027-01-01',
          '2027-01-02',
          '2027-01-03',
          '2027-01-04',
          '2027-02-06',
          '2027-02-07',
          '2027-02-08',
          '2027-02-09',
          '2027-02-10',
          '2027-02-11',
          '2027-02-12',
          '2027-02-13',
        ],
        workdays: ['2027-01-09', '2027-02-14'],
      },
    ]);
  });
});

describe('the calendar file (HOLIDAYS_FILE): validation names the bad entry', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-file-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  let counter = 0;
  /** Writes a calendar file and returns the message loading it raises, without the file prefix. */
  const problemWith = (content: string, extension = '.yaml'): string => {
    const file = path.join(dir, `holidays-${++counter}${extension}`);
    fs.writeFileSync(file, content);
    try {
      loadHolidaysFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(HolidaysFileError);
      const message = (error as Error).message;
      expect(message.startsWith(`HOLIDAYS_FILE ${file}`)).toBe(true);
      return message.slice(`HOLIDAYS_FILE ${file}: `.length);
    }
    throw new Error(`${file} loaded without an error`);
  };
  /** A file of one year 2027 with the given lines under it. */
  const year2027 = (...lines: string[]): string =>
    ['years:', '  2027:', ...lines.map((l) => `    ${l}`)].join('\n');
  const SOURCE = 'source: "国务院办公厅关于2027年部分节假日安排的通知"';

  it('a date outside its year', () => {
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01", "2028-01-01"]'))).toBe(
      'years.2027.holidays.1: 2028-01-01 is in 2028, not 2027; a day belongs under its own year ' +
        '(a notice that names a day of the year before or after is entered under that year)',
    );
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01"]', 'workdays: ["2026-12-27"]'))).toMatch(
      /^years\.2027\.workdays\.0: 2026-12-27 is in 2026, not 2027/,
    );
    expect(problemWith(year2027(SOURCE, 'holidays: ["2026-12-31/2027-01-02"]'))).toMatch(
      /^years\.2027\.holidays\.0: 2026-12-31 is in 2026, not 2027/,
    );
  });

  it('a day both off and working, naming both entries', () => {
    expect(
      problemWith(
        year2027(SOURCE, 'holidays: ["2027-01-01", "2027-02-06/2027-02-13"]', 'workdays: ["2027-02-07"]'),
      ),
    ).toBe(
      'years.2027.workdays.0: 2027-02-07 is also a day off in years.2027.holidays.1 ("2027-02-06/2027-02-13"); ' +
        'a day is either off or working, not both',
    );
  });

  it('a range that runs backwards', () => {
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01", "2027-02-13/2027-02-06"]'))).toBe(
      'years.2027.holidays.1: "2027-02-13/2027-02-06" ends before it starts; write the earlier day first',
    );
  });

  it('a day off listed twice', () => {
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-02-06/2027-02-13", "2027-02-10"]'))).toBe(
      'years.2027.holidays.1: 2027-02-10 is already listed in years.2027.holidays.0 ("2027-02-06/2027-02-13")',
    );
  });

  it('a make-up working day that is not a Saturday or Sunday', () => {
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01"]', 'workdays: ["2027-02-10"]'))).toBe(
      'years.2027.workdays.0: 2027-02-10 is a Wednesday, a working day anyway; make-up working days (调休) fall on a Saturday or Sunday',
    );
  });

  it('a missing or empty source', () => {
    expect(problemWith(year2027('holidays: ["2027-01-01"]'))).toMatch(
      /^years\.2027\.source: is missing; name where the year was published/,
    );
    expect(problemWith(year2027('source: "  "', 'holidays: ["2027-01-01"]'))).toMatch(
      /^years\.2027\.source: must be a non-empty text, got " {2}"/,
    );
  });

  it('unknown keys, at the top and in a year', () => {
    expect(problemWith('year:\n  2027: {}\n')).toBe('year: unknown key; the top level allows years');
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01"]', 'workday: ["2027-02-14"]'))).toBe(
      'years.2027.workday: unknown key; a year allows source, holidays, workdays',
    );
  });

  it('dates that are not dates, and years that are not years', () => {
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-02-30"]'))).toMatch(
      /^years\.2027\.holidays\.0: "2027-02-30" is not a date; write a day as "2027-01-01" and a range as "2027-02-06\/2027-02-13"$/,
    );
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-1-1"]'))).toMatch(
      /holidays\.0: "2027-1-1" is not a date/,
    );
    expect(problemWith(year2027(SOURCE, 'holidays: [20270101]'))).toMatch(
      /holidays\.0: 20270101 is not a date/,
    );
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01/2027-01-02/2027-01-03"]'))).toMatch(
      /holidays\.0: "2027-01-01\/2027-01-02\/2027-01-03" has more than one "\/"/,
    );
    expect(problemWith('years:\n  "27": { source: x, holidays: ["2027-01-01"] }\n')).toBe(
      'years.27: is not a year; write the four digits, e.g. 2027',
    );
  });

  it('a year without days off, and a range too long to be a holiday', () => {
    expect(problemWith(year2027(SOURCE))).toMatch(/^years\.2027\.holidays: is missing; list the days off/);
    expect(problemWith(year2027(SOURCE, 'holidays: []'))).toMatch(
      /^years\.2027\.holidays: must be a non-empty list of the days off/,
    );
    expect(problemWith(year2027(SOURCE, 'holidays: ["2027-01-01/2027-03-01"]'))).toBe(
      'years.2027.holidays.0: "2027-01-01/2027-03-01" spans 60 days; no holiday lasts over 31: check the dates',
    );
  });

  it('a file that cannot be read, parsed, or is not YAML', () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(() => loadHolidaysFile(missing)).toThrow(`HOLIDAYS_FILE ${missing}: cannot be read (ENOENT`);
    expect(problemWith('years: {unclosed')).toMatch(/^cannot be parsed as YAML: .+/);
    expect(problemWith('years:\n  2027: {}\n  2027: {}\n')).toMatch(/^cannot be parsed as YAML: .*unique/);
    expect(problemWith('years: {}', '.txt')).toBe('must be a .yaml or .yml file (or .json)');
    expect(problemWith('- 2027\n')).toBe('must be a mapping with `years`');
  });
});
