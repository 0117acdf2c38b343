import {
  formatDateTime,
  fromShanghaiInput,
  periodKind,
  periodOf,
  periodsOfYear,
  shanghaiToday,
  toShanghaiInput,
} from '../../web/src/format/time';

/** The page shows and takes the bureau's clock, whatever the device's own zone. */
describe('Shanghai time on the page', () => {
  it('shows an instant on the Shanghai clock', () => {
    expect(formatDateTime('2023-03-31T16:30:00Z')).toBe('2023-04-01 00:30');
    expect(formatDateTime('2023-04-01T00:30:00+08:00')).toBe('2023-04-01 00:30');
    expect(formatDateTime(null)).toBe('—');
  });

  it('round-trips a date-time input as Shanghai wall time', () => {
    expect(toShanghaiInput('2023-03-31T16:30:00Z')).toBe('2023-04-01T00:30');
    expect(fromShanghaiInput('2023-04-01T00:30')).toBe('2023-04-01T00:30:00+08:00');
    expect(Date.parse(fromShanghaiInput(toShanghaiInput('2023-03-31T16:30:00Z')))).toBe(
      Date.parse('2023-03-31T16:30:00Z'),
    );
    expect(shanghaiToday(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });

  it('names the periods the ranking takes', () => {
    expect(['day', 'month', 'quarter', 'year'].map((k) => periodOf(k as 'day', '2023-05-17'))).toEqual([
      '2023-05-17',
      '2023-05',
      '2023-Q2',
      '2023',
    ]);
    expect(['2023', '2023-Q4', '2023-12', '2023-12-01', '2023-13', 'Q1'].map(periodKind)).toEqual([
      'year',
      'quarter',
      'month',
      'day',
      null,
      null,
    ]);
    expect(periodsOfYear('2023', 'quarter')).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    expect(periodsOfYear('2023', 'month')).toHaveLength(12);
  });
});
