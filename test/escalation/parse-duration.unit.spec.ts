import { PolicyError } from '../../src/escalation/policy/escalation-policy';
import { formatDuration, parseDuration } from '../../src/escalation/policy/parse-duration';

const WHERE = 'rules.key-project.*.firstResponse';
const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * S],
    ['15m', 15 * M],
    ['4h', 4 * H],
    ['3d', 3 * D],
    ['2w', 14 * D],
    ['90m', 90 * M],
    ['1d 4h', D + 4 * H],
    ['1h30m', H + 30 * M],
    ['1.5h', 90 * M],
    [' 2 h ', 2 * H],
    ['0s', 0],
    ['0', 0],
    ['PT2H', 2 * H],
    ['P3D', 3 * D],
    ['P2W', 14 * D],
    ['PT0S', 0],
    ['P1DT12H', D + 12 * H],
    ['PT1M30S', M + 30 * S],
  ])('reads %j as calendar time', (text, ms) => {
    expect(parseDuration(text, WHERE)).toEqual({ kind: 'calendar', ms, text: text.trim() });
  });

  it('reads the number 0, as YAML gives it, as no time at all', () => {
    expect(parseDuration(0, WHERE)).toEqual({ kind: 'calendar', ms: 0, text: '0' });
  });

  it.each([
    ['5wd', 5],
    ['5 wd', 5],
    ['0wd', 0],
    ['5 working days', 5],
    ['1 working day', 1],
    ['10 Working Days', 10],
  ])('reads %j as working days', (text, days) => {
    expect(parseDuration(text, WHERE)).toEqual({ kind: 'working-days', days, text });
  });

  it('keeps the text as written for messages', () => {
    expect(formatDuration(parseDuration('1d 4h', WHERE))).toBe('1d 4h');
    expect(formatDuration(parseDuration('5 working days', WHERE))).toBe('5 working days');
  });

  it.each([
    ['2x', /"2x" is not a duration; write e\.g\. 30s, 15m, 4h, 3d, 2w or 5wd \(working days\)/],
    ['', /"" is not a duration/],
    ['soon', /"soon" is not a duration/],
    ['-5m', /cannot be negative/],
    ['1.5wd', /working days are counted whole/],
    ['-2wd', /cannot be negative/],
    ['1d 5wd', /cannot be combined with calendar units/],
    ['5wd 4h', /cannot be combined with calendar units/],
    ['P1M', /years and months vary in length/],
    ['P1Y', /years and months vary in length/],
    ['P', /"P" is not a duration/],
    ['PT', /"PT" is not a duration/],
    ['200000w', /longer than a hundred years/],
  ])('rejects %j naming the entry', (text, message) => {
    const parse = (): unknown => parseDuration(text, WHERE);
    expect(parse).toThrow(PolicyError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(`${WHERE}: `);
  });

  it('rejects a bare number, which has no unit', () => {
    expect(() => parseDuration(30, WHERE)).toThrow(`${WHERE}: 30 has no unit`);
  });

  it('says so when the duration is missing', () => {
    expect(() => parseDuration(undefined, WHERE)).toThrow(`${WHERE}: is missing`);
    expect(() => parseDuration(null, WHERE)).toThrow(`${WHERE}: is missing`);
  });

  it('rejects values that are not text', () => {
    expect(() => parseDuration({ hours: 2 }, WHERE)).toThrow(`${WHERE}: {"hours":2} is not a duration`);
    expect(() => parseDuration(true, WHERE)).toThrow(PolicyError);
  });
});
