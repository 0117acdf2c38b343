import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version as chineseDaysVersion } from 'chinese-days/package.json';
import { calendarHealth } from '../../src/escalation/calendar/calendar-coverage';
import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { CalendarNotCoveredError, uncoveredYearIn } from '../../src/escalation/calendar/working-calendar';
import { pendingChecks } from '../../src/escalation/checks/pending-checks';
import { addDurationWithCoverage } from '../../src/escalation/policy/duration';
import type { LadderRule } from '../../src/escalation/policy/escalation-policy';
import { parseDuration } from '../../src/escalation/policy/parse-duration';
import type { ExistingIssue, IssueEvent } from '../../src/issues/domain';
import { assigned, escalated, foldIssue, reported } from '../issues/given-when-then';

/** A made-up 2027 (see the file): New Year off Fri 1 – Mon 4 January, Saturday 9 January worked. */
const MADE_UP_2027 = path.resolve(__dirname, 'fixtures/holidays-2027.made-up.yaml');
const PACKAGE = `chinese-days ${chineseDaysVersion}`;
/** An instant given as Shanghai wall-clock time (UTC+8). */
const shanghai = (dateTime: string): Date => new Date(`${dateTime}+08:00`);
const d = (text: string) => parseDuration(text, 'test');
/** On-site rectification as the shipped policy counts it: working days. */
const RULE: LadderRule = {
  firstResponse: d('2wd'),
  levels: { 1: d('0s'), 2: d('2wd'), 3: d('5wd') },
  warningShare: 0.75,
};
const stateOf = (events: IssueEvent[]) => foldIssue(events) as ExistingIssue;

// The fixed clock of these specs: a working-day count in the last days of December 2026.
const REPORTED = shanghai('2026-12-30T10:00:00').toISOString(); // Wednesday
const ITEM_DUE = shanghai('2026-12-31T10:00:00').toISOString(); // Thursday, the last day the package knows
/** Reported Wednesday 30 December 2026; an item due Thursday the 31st; level 1 already fired. */
const decemberIssue = (): ExistingIssue =>
  stateOf([
    reported({ occurredAt: REPORTED, category: 'on-site-rectification', severity: 'medium' }),
    assigned('r-1', ITEM_DUE, REPORTED),
    escalated(1, ITEM_DUE),
  ]);

describe('a year added from the calendar file', () => {
  const calendar = chineseWorkingCalendar({ holidaysFile: MADE_UP_2027 });

  it('covers the package years and the file year, each with where it comes from', () => {
    expect(calendar.covers).toEqual({ firstYear: 2004, lastYear: 2027 });
    expect(calendar.source).toBe(`${PACKAGE} and HOLIDAYS_FILE ${MADE_UP_2027}`);
    expect(calendar.coverageOf(shanghai('2026-06-01T12:00:00'))).toEqual({
      covered: true,
      year: 2026,
      from: 'package',
      source: PACKAGE,
    });
    expect(calendar.coverageOf(shanghai('2027-06-01T12:00:00'))).toEqual({
      covered: true,
      year: 2027,
      from: 'file',
      source: "测试用虚构数据 (made up for the tests, not the State Council's 2027 arrangement)",
      file: MADE_UP_2027,
    });
    expect(calendarHealth(calendar).years).toEqual([
      { years: '2004–2026', first: 2004, last: 2026, from: 'package', source: PACKAGE },
      expect.objectContaining({ years: '2027', from: 'file', file: MADE_UP_2027 }),
    ]);
  });

  it("schedules a December 2026 item's working-day level into January 2027, over its holidays", () => {
    const { checks, errors } = pendingChecks(decemberIssue(), RULE, calendar);
    expect(errors).toEqual([]);
    // Due Thursday 31 December; +2wd skips Friday 1 – Monday 4 January: Tuesday 5th is 1, Wednesday 6th is 2.
    expect(checks.filter((c) => c.kind === 'escalate')).toEqual([
      expect.objectContaining({
        kind: 'escalate',
        remediationId: 'r-1',
        level: 2,
        dueAt: ITEM_DUE,
        runAt: shanghai('2027-01-06T10:00:00').toISOString(),
      }),
    ]);
  });

  it('counts the first response of a December 2026 report into January 2027', () => {
    const { checks } = pendingChecks(
      stateOf([reported({ occurredAt: REPORTED, category: 'on-site-rectification' })]),
      RULE,
      calendar,
    );
    // Reported Wednesday 30 December: Thursday 31st is 1, Tuesday 5 January is 2.
    expect(checks.find((c) => c.kind === 'escalate')).toMatchObject({
      trigger: 'no-response',
      dueAt: shanghai('2027-01-05T10:00:00').toISOString(),
    });
  });

  it("uses the file year's make-up working day and holidays, and is not provisional", () => {
    expect(calendar.isWorkingDay(shanghai('2027-01-04T12:00:00'))).toBe(false); // Monday, made-up holiday
    expect(calendar.isWorkingDay(shanghai('2027-01-09T12:00:00'))).toBe(true); // Saturday, made-up 调休
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2027-01-08T15:00:00'), 1)).toEqual({
      at: shanghai('2027-01-09T15:00:00'),
      provisional: false,
      assumedYears: [],
    });
    expect(calendar.assumedYears()).toEqual([]);
  });

  it('still refuses the year after it, naming the file', () => {
    const error = catchError(() => calendar.addWorkingDays(shanghai('2027-12-31T10:00:00'), 1));
    expect(error).toBeInstanceOf(CalendarNotCoveredError);
    expect(error).toMatchObject({ year: 2028, covers: { firstYear: 2004, lastYear: 2027 } });
    expect((error as Error).message).toContain(`HOLIDAYS_FILE ${MADE_UP_2027}) covers 2004–2027, not 2028`);
    expect(uncoveredYearIn((error as Error).message)).toBe(2028);
  });
});

describe('a year the file replaces, and a year it leaves out', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fileWith = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("replaces the package's whole year: its days are the file's, not both", () => {
    const file = fileWith(
      '2026.yaml',
      'years:\n  2026:\n    source: corrected\n    holidays: ["2026-03-02"]\n',
    );
    const calendar = chineseWorkingCalendar({ holidaysFile: file });
    expect(calendar.isWorkingDay(shanghai('2026-03-02T12:00:00'))).toBe(false); // the file's Monday off
    expect(calendar.isWorkingDay(shanghai('2026-02-16T12:00:00'))).toBe(true); // the package's holiday, gone
    expect(calendar.isWorkingDay(shanghai('2026-02-14T12:00:00'))).toBe(false); // the package's 调休 Saturday, gone
    expect(calendar.coverageOf(shanghai('2026-03-02T12:00:00'))).toMatchObject({
      from: 'file',
      source: 'corrected',
    });
    expect(calendar.coverageOf(shanghai('2025-03-03T12:00:00'))).toMatchObject({ from: 'package' });
  });

  it('refuses a gap between covered years, naming the years it covers', () => {
    const file = fileWith('2028.yaml', 'years:\n  2028:\n    source: later\n    holidays: ["2028-01-01"]\n');
    const calendar = chineseWorkingCalendar({ holidaysFile: file });
    const error = catchError(() => calendar.addWorkingDays(shanghai('2026-12-31T10:00:00'), 1));
    expect(error).toMatchObject({ year: 2027 });
    expect((error as Error).message).toContain('covers 2004–2026, 2028, not 2027');
    expect(() => calendar.isWorkingDay(shanghai('2027-05-05T12:00:00'))).toThrow(/not 2027/);
    expect(calendar.coverageOf(shanghai('2027-05-05T12:00:00'))).toEqual({
      covered: false,
      year: 2027,
      counted: 'refused',
    });
    // Inside the covered years around it, nothing changes.
    expect(calendar.addWorkingDays(shanghai('2028-01-03T10:00:00'), 1)).toEqual(
      shanghai('2028-01-04T10:00:00'),
    );
  });
});

describe('uncovered years as weekdays (CALENDAR_UNCOVERED_YEARS=weekdays)', () => {
  it('counts a year nobody covers Monday to Friday and marks the result provisional', () => {
    const calendar = chineseWorkingCalendar({ uncoveredYears: 'weekdays' });
    expect(calendar.uncoveredYears).toBe('weekdays');
    // Thursday 31 December 2026 + 1: Friday 1 January 2027, a guess (New Year is surely off).
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2026-12-31T10:00:00'), 1)).toEqual({
      at: shanghai('2027-01-01T10:00:00'),
      provisional: true,
      assumedYears: [2027],
    });
    // Friday 8 January 2027 + 1: Monday the 11th (no made-up Saturday here).
    expect(calendar.addWorkingDays(shanghai('2027-01-08T15:00:00'), 1)).toEqual(
      shanghai('2027-01-11T15:00:00'),
    );
    expect(calendar.isWorkingDay(shanghai('2027-01-01T12:00:00'))).toBe(true);
    expect(calendar.coverageOf(shanghai('2027-01-01T12:00:00'))).toEqual({
      covered: false,
      year: 2027,
      counted: 'as-weekdays',
    });
    expect(calendar.assumedYears()).toEqual([2027]);
    expect(calendarHealth(calendar)).toMatchObject({ uncoveredYears: 'weekdays', assumedYears: [2027] });
  });

  it('is not provisional inside the covered years, and steps across several uncovered ones', () => {
    const calendar = chineseWorkingCalendar({ uncoveredYears: 'weekdays' });
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2024-09-27T17:00:00'), 3)).toEqual({
      at: shanghai('2024-10-08T17:00:00'),
      provisional: false,
      assumedYears: [],
    });
    // 2003 lies before the data; from there into 2004 (covered: 1 January off, Friday 2nd working).
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2003-12-31T10:00:00'), 1)).toEqual({
      at: shanghai('2004-01-02T10:00:00'),
      provisional: true,
      assumedYears: [2003],
    });
    // 2027 has 261 weekdays and 2028 260: the 521st after 31 Dec 2026 is Friday 29 December 2028, the last.
    const far = calendar.addWorkingDaysWithCoverage(shanghai('2026-12-31T10:00:00'), 261 + 260);
    expect(far).toEqual({
      at: shanghai('2028-12-29T10:00:00'),
      provisional: true,
      assumedYears: [2027, 2028],
    });
    expect(calendar.assumedYears()).toEqual([2003, 2027, 2028]);
  });

  it('marks a pending deadline provisional through the policy duration, never a calendar duration', () => {
    const calendar = chineseWorkingCalendar({ uncoveredYears: 'weekdays' });
    const { checks, errors } = pendingChecks(decemberIssue(), RULE, calendar);
    expect(errors).toEqual([]);
    // Without holiday data for 2027: Friday 1 and Monday 4 January are counted, a guess.
    expect(checks[0]).toMatchObject({ level: 2, runAt: shanghai('2027-01-04T10:00:00').toISOString() });
    expect(addDurationWithCoverage(new Date(ITEM_DUE), RULE.levels[2], calendar)).toMatchObject({
      provisional: true,
      assumedYears: [2027],
    });
    expect(addDurationWithCoverage(new Date(ITEM_DUE), d('3d'), calendar)).toEqual({
      at: shanghai('2027-01-03T10:00:00'),
      provisional: false,
      assumedYears: [],
    });
  });

  it('does not mark what the file covers, only what lies beyond it', () => {
    const calendar = chineseWorkingCalendar({ holidaysFile: MADE_UP_2027, uncoveredYears: 'weekdays' });
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2026-12-31T10:00:00'), 1).provisional).toBe(false);
    expect(calendar.addWorkingDaysWithCoverage(shanghai('2027-12-31T10:00:00'), 1)).toEqual({
      at: shanghai('2028-01-03T10:00:00'),
      provisional: true,
      assumedYears: [2028],
    });
  });
});

describe('uncovered years refused (CALENDAR_UNCOVERED_YEARS=refuse, the default)', () => {
  it("keeps today's CalendarNotCoveredError for a December 2026 deadline counted into 2027", () => {
    const calendar = chineseWorkingCalendar({ uncoveredYears: 'refuse' });
    expect(calendar).toBe(chineseWorkingCalendar()); // the package-only instance of the process
    const error = catchError(() => calendar.addWorkingDaysWithCoverage(shanghai('2026-12-31T10:00:00'), 1));
    expect(error).toBeInstanceOf(CalendarNotCoveredError);
    expect(error).toMatchObject({ year: 2027, covers: { firstYear: 2004, lastYear: 2026 } });
    expect((error as Error).message).toMatch(/covers 2004–2026, not 2027: add 2027 to HOLIDAYS_FILE/);

    const { checks, errors } = pendingChecks(decemberIssue(), RULE, calendar);
    expect(checks).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ remediationId: 'r-1', dueAt: ITEM_DUE, reason: (error as Error).message }),
    ]);
    expect(calendar.assumedYears()).toEqual([]);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
