import { assertBusinessTime, assertDueTime, type EscalateIssue } from '../../src/issues/domain';
import { InvalidCommandError } from '../../src/shared-kernel/domain-errors';
import { NOW, REPORTED_AT, given, meta, reported } from './given-when-then';

const d = (iso: string) => new Date(iso);
const fieldOf = (fn: () => void): string | undefined => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCommandError);
    return (error as InvalidCommandError).field;
  }
  return undefined;
};

describe('assertBusinessTime', () => {
  it('accepts the past back to 2000 and up to five minutes of clock skew', () => {
    expect(fieldOf(() => assertBusinessTime('t', d('2000-01-01T00:00:00.000Z'), NOW))).toBeUndefined();
    expect(fieldOf(() => assertBusinessTime('t', d('2023-03-10T02:05:00.000Z'), NOW))).toBeUndefined();
  });

  it('refuses times before 2000, beyond the skew, or invalid, naming the field', () => {
    expect(fieldOf(() => assertBusinessTime('heldAt', d('1999-12-31T23:59:59.999Z'), NOW))).toBe('heldAt');
    expect(fieldOf(() => assertBusinessTime('heldAt', d('2023-03-10T02:05:00.001Z'), NOW))).toBe('heldAt');
    expect(fieldOf(() => assertBusinessTime('heldAt', d('not a date'), NOW))).toBe('heldAt');
  });
});

describe('assertDueTime', () => {
  const from = d('2023-03-09T00:00:00.000Z');
  it('wants a due time strictly after the moment it is set and within five years', () => {
    expect(fieldOf(() => assertDueTime('dueAt', d('2023-03-09T00:00:00.001Z'), from, NOW))).toBeUndefined();
    expect(fieldOf(() => assertDueTime('dueAt', from, from, NOW))).toBe('dueAt');
    expect(fieldOf(() => assertDueTime('dueAt', d('2028-03-10T02:00:00.000Z'), from, NOW))).toBeUndefined();
    expect(fieldOf(() => assertDueTime('dueAt', d('2028-03-10T02:00:00.001Z'), from, NOW))).toBe('dueAt');
  });
});

describe('business time of commands', () => {
  const escalate = (occurredAt: string): EscalateIssue => ({
    type: 'EscalateIssue',
    data: { by: 'leader', reason: 'stalled' },
    metadata: meta(occurredAt),
  });

  it('refuses a command claiming to happen in the future', () => {
    given([reported()])
      .when(escalate('2023-03-10T03:00:00.000Z'))
      .thenThrows(InvalidCommandError, 'occurredAt');
  });

  it('refuses a command claiming to happen before the issue was reported', () => {
    given([reported()])
      .when(escalate('2023-03-08T00:58:59.000Z'))
      .thenThrows(InvalidCommandError, REPORTED_AT);
  });

  it('takes a time within a minute before the report as the same moment (truncated clocks)', () => {
    given([reported()])
      .when(escalate('2023-03-08T00:59:30.000Z'))
      .then([expect.objectContaining({ type: 'IssueEscalated' })] as never);
  });

  it('refuses a report dated before 2000', () => {
    given([])
      .when({
        type: 'ReportIssue',
        data: {
          issueId: 'x',
          title: 't',
          category: 'key-project',
          severity: 'low',
          district: 'jimei',
          source: 'referral',
          reportedBy: 'r',
        },
        metadata: meta('1999-06-01T00:00:00.000Z'),
      })
      .thenThrows(InvalidCommandError, 'occurredAt');
  });
});
