import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { CalendarNotCoveredError } from '../../src/escalation/calendar/working-calendar';
import { version as chineseDaysVersion } from 'chinese-days/package.json';

// Every date asserted here was checked against chinese-days/dist/chinese-days.json (1.5.7).
const calendar = chineseWorkingCalendar();
/** An instant given as Shanghai wall-clock time (UTC+8). */
const shanghai = (dateTime: string): Date => new Date(`${dateTime}+08:00`);
const isWorking = (day: string): boolean => calendar.isWorkingDay(shanghai(`${day}T12:00:00`));

describe('chinese working calendar', () => {
  it('names its data source and the years it covers', () => {
    expect(calendar.source).toBe(`chinese-days ${chineseDaysVersion}`);
    expect(calendar.covers).toEqual({ firstYear: 2004, lastYear: 2026 });
  });

  it('knows ordinary weekdays and weekends', () => {
    expect(isWorking('2024-03-15')).toBe(true); // Friday
    expect(isWorking('2024-03-16')).toBe(false); // Saturday
    expect(isWorking('2024-03-17')).toBe(false); // Sunday
  });

  it('knows the 2023 Spring Festival holidays and their make-up Saturday and Sunday', () => {
    for (const day of ['2023-01-21', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27']) {
      expect([day, isWorking(day)]).toEqual([day, false]);
    }
    expect(isWorking('2023-01-28')).toBe(true); // Saturday, 调休
    expect(isWorking('2023-01-29')).toBe(true); // Sunday, 调休
    expect(isWorking('2023-01-30')).toBe(true);
  });

  it('knows the 2024 National Day week and its make-up days', () => {
    for (let day = 1; day <= 7; day++) expect(isWorking(`2024-10-0${day}`)).toBe(false);
    expect(isWorking('2024-09-29')).toBe(true); // Sunday, 调休
    expect(isWorking('2024-10-12')).toBe(true); // Saturday, 调休
    expect(isWorking('2024-10-13')).toBe(false);
  });

  it('knows 2025 and 2026 Spring Festival facts', () => {
    expect(isWorking('2025-01-26')).toBe(true); // Sunday, 调休
    expect(isWorking('2025-01-28')).toBe(false);
    expect(isWorking('2025-02-04')).toBe(false); // Tuesday, holiday
    expect(isWorking('2025-02-08')).toBe(true); // Saturday, 调休
    expect(isWorking('2026-02-14')).toBe(true); // Saturday, 调休
    expect(isWorking('2026-02-16')).toBe(false); // Monday, holiday
    expect(isWorking('2026-02-23')).toBe(false); // Monday, holiday
    expect(isWorking('2026-02-24')).toBe(true);
    expect(isWorking('2026-02-28')).toBe(true); // Saturday, 调休
  });

  it('judges the Shanghai calendar day, not the UTC one', () => {
    // 2023-01-27 16:00 UTC is already Saturday 2023-01-28 (a make-up day) in Shanghai.
    expect(calendar.isWorkingDay(new Date('2023-01-27T16:00:00Z'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2023-01-27T15:59:59Z'))).toBe(false);
  });

  it('adds working days keeping the Shanghai wall-clock time', () => {
    expect(calendar.addWorkingDays(shanghai('2024-03-15T15:00:00'), 1)).toEqual(
      shanghai('2024-03-18T15:00:00'),
    );
    expect(calendar.addWorkingDays(shanghai('2024-03-16T09:30:00'), 1)).toEqual(
      shanghai('2024-03-18T09:30:00'),
    );
    expect(calendar.addWorkingDays(shanghai('2024-03-15T15:00:00'), 5)).toEqual(
      shanghai('2024-03-22T15:00:00'),
    );
  });

  it('returns the same instant for 0 working days, even on a holiday', () => {
    const at = shanghai('2023-01-23T10:00:00');
    expect(calendar.addWorkingDays(at, 0)).toBe(at);
  });

  it('steps across the 2023 Spring Festival onto its make-up days', () => {
    const friday = shanghai('2023-01-20T15:00:00');
    expect(calendar.addWorkingDays(friday, 1)).toEqual(shanghai('2023-01-28T15:00:00'));
    expect(calendar.addWorkingDays(friday, 2)).toEqual(shanghai('2023-01-29T15:00:00'));
    expect(calendar.addWorkingDays(friday, 3)).toEqual(shanghai('2023-01-30T15:00:00'));
    // From inside the holiday the next working day is the make-up Saturday.
    expect(calendar.addWorkingDays(shanghai('2023-01-24T08:00:00'), 1)).toEqual(
      shanghai('2023-01-28T08:00:00'),
    );
  });

  it('steps across the 2024 National Day week', () => {
    const friday = shanghai('2024-09-27T17:00:00');
    expect(calendar.addWorkingDays(friday, 1)).toEqual(shanghai('2024-09-29T17:00:00'));
    expect(calendar.addWorkingDays(friday, 2)).toEqual(shanghai('2024-09-30T17:00:00'));
    expect(calendar.addWorkingDays(friday, 3)).toEqual(shanghai('2024-10-08T17:00:00'));
    expect(calendar.addWorkingDays(shanghai('2024-10-11T17:00:00'), 1)).toEqual(
      shanghai('2024-10-12T17:00:00'),
    );
  });

  it('steps across a year boundary inside the data', () => {
    // New Year 2026 is off Thursday 1 to Saturday 3 January; Sunday the 4th is a make-up day.
    expect(calendar.addWorkingDays(shanghai('2025-12-31T10:00:00'), 1)).toEqual(
      shanghai('2026-01-04T10:00:00'),
    );
    expect(calendar.addWorkingDays(shanghai('2025-12-31T10:00:00'), 2)).toEqual(
      shanghai('2026-01-05T10:00:00'),
    );
  });

  it('refuses a year after the data, naming the year and the covered range', () => {
    const inLaterYear = (): boolean => calendar.isWorkingDay(shanghai('2027-03-01T10:00:00'));
    expect(inLaterYear).toThrow(CalendarNotCoveredError);
    expect(inLaterYear).toThrow(/2004–2026, not 2027/);
    expect(inLaterYear).toThrow(/chinese-days/);
  });

  it('refuses to step past the last covered day rather than guess', () => {
    // Thursday 2026-12-31 is the last day the data knows; its next working day lies in 2027.
    const error = catchError(() => calendar.addWorkingDays(shanghai('2026-12-31T10:00:00'), 1));
    expect(error).toBeInstanceOf(CalendarNotCoveredError);
    expect(error).toMatchObject({ year: 2027, covers: { firstYear: 2004, lastYear: 2026 } });
  });

  it('refuses a year before the data', () => {
    const error = catchError(() => calendar.addWorkingDays(shanghai('2003-12-31T10:00:00'), 1));
    expect(error).toBeInstanceOf(CalendarNotCoveredError);
    expect((error as Error).message).toContain('not 2003');
  });

  it('rejects fractional or negative working days', () => {
    expect(() => calendar.addWorkingDays(shanghai('2024-03-15T15:00:00'), 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(shanghai('2024-03-15T15:00:00'), -1)).toThrow(RangeError);
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
