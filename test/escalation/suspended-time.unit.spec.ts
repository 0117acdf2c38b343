import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { pendingChecks } from '../../src/escalation/checks/pending-checks';
import { afterSuspensions, mergePeriods } from '../../src/escalation/checks/suspended-time';
import { parseDuration } from '../../src/escalation/policy/parse-duration';
import type { LadderRule } from '../../src/escalation/policy/escalation-policy';
import type { ExistingIssue, IssueEvent } from '../../src/issues/domain';
import { assigned, foldIssue, reported } from '../issues/given-when-then';

const calendar = chineseWorkingCalendar();
const d = (text: string) => parseDuration(text, 'test');
/** Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

/**
 * Around Spring Festival 2026 (chinese-days): Saturday 28 February is a make-up working day
 * (调休), Sunday 1 March is off, Monday 2 March is an ordinary working day. The city stops
 * from Saturday 28 February 00:00 to Tuesday 3 March 00:00: three calendar days, two working
 * days (the make-up Saturday and the Monday; the Sunday was off anyway).
 */
const CITY_STOP = { from: iso('2026-02-28T00:00:00'), endsAt: iso('2026-03-03T00:00:00') };

describe('a deadline after suspended periods (its clock stops in them)', () => {
  it('moves a calendar deadline by the calendar time suspended: three days', () => {
    const moved = afterSuspensions(
      sh('2026-02-26T10:00:00'),
      sh('2026-03-04T10:00:00'),
      'calendar',
      [CITY_STOP],
      calendar,
    );
    expect(moved).toEqual(sh('2026-03-07T10:00:00'));
  });

  it('moves a working-day deadline by the working days suspended: the make-up Saturday and the Monday, not the Sunday', () => {
    // Thursday 10:00 + 4 wd: Friday, the make-up Saturday, Monday, Tuesday 3 March 10:00.
    expect(calendar.addWorkingDays(sh('2026-02-26T10:00:00'), 4)).toEqual(sh('2026-03-03T10:00:00'));
    const moved = afterSuspensions(
      sh('2026-02-26T10:00:00'),
      sh('2026-03-03T10:00:00'),
      'working',
      [CITY_STOP],
      calendar,
    );
    // Two working days later: Wednesday 4, Thursday 5 March.
    expect(moved).toEqual(sh('2026-03-05T10:00:00'));
  });

  it('moves a working-day deadline over a plain weekend stop by nothing', () => {
    const weekend = { from: iso('2026-03-07T00:00:00'), endsAt: iso('2026-03-09T00:00:00') };
    const due = calendar.addWorkingDays(sh('2026-03-05T10:00:00'), 3); // Tuesday 10 March
    expect(afterSuspensions(sh('2026-03-05T10:00:00'), due, 'working', [weekend], calendar)).toEqual(due);
    expect(afterSuspensions(sh('2026-03-05T10:00:00'), due, 'calendar', [weekend], calendar)).toEqual(
      sh('2026-03-12T10:00:00'),
    );
  });

  it('leaves a deadline alone when the period comes after it, and starts the clock at the end of one it began in', () => {
    expect(
      afterSuspensions(
        sh('2026-02-20T10:00:00'),
        sh('2026-02-27T10:00:00'),
        'calendar',
        [CITY_STOP],
        calendar,
      ),
    ).toEqual(sh('2026-02-27T10:00:00'));
    // Assigned on Sunday during the stop, due 2 days later: 2 days from Tuesday 00:00.
    expect(
      afterSuspensions(
        sh('2026-03-01T12:00:00'),
        sh('2026-03-03T12:00:00'),
        'calendar',
        [CITY_STOP],
        calendar,
      ),
    ).toEqual(sh('2026-03-05T00:00:00'));
  });

  it('counts overlapping periods once (a district stop inside the city stop)', () => {
    const huli = { from: iso('2026-02-28T12:00:00'), endsAt: iso('2026-03-03T12:00:00') };
    expect(mergePeriods([huli, CITY_STOP])).toEqual([
      { from: Date.parse(CITY_STOP.from), endsAt: Date.parse(huli.endsAt) },
    ]);
    expect(
      afterSuspensions(
        sh('2026-02-26T10:00:00'),
        sh('2026-03-04T10:00:00'),
        'calendar',
        [huli, CITY_STOP],
        calendar,
      ),
    ).toEqual(sh('2026-03-07T22:00:00'));
  });
});

describe('the checks of an issue under a suspension', () => {
  const rule: LadderRule = {
    firstResponse: d('4wd'),
    levels: { 1: d('0s'), 2: d('1wd'), 3: d('2d') },
    warningShare: 0.5,
  };
  const stateOf = (events: IssueEvent[]) => foldIssue(events) as ExistingIssue;

  it('moves the working-day first response by two working days, its warning and its level with it', () => {
    const issue = stateOf([reported({ occurredAt: iso('2026-02-26T10:00:00') })]);
    const { checks } = pendingChecks(issue, rule, calendar, undefined, [CITY_STOP]);
    const escalate = checks.find((c) => c.kind === 'escalate');
    expect(escalate).toMatchObject({
      dueAt: iso('2026-03-03T10:00:00'),
      suspendedDueAt: iso('2026-03-05T10:00:00'),
      runAt: iso('2026-03-05T10:00:00'),
    });
    // The warning at half the allowed time (Saturday 28 February 10:00, inside the stop) waits it out.
    const warn = checks.find((c) => c.kind === 'warn');
    expect(Date.parse(warn!.runAt)).toBeGreaterThanOrEqual(Date.parse(CITY_STOP.endsAt));
    expect(warn!.escalatesAt).toBe(escalate!.runAt);
  });

  it('moves an item due by calendar time by the three days, and keeps its job id (it is re-timed, not doubled)', () => {
    const events = [
      reported({ occurredAt: iso('2026-02-26T09:00:00') }),
      assigned('r1', iso('2026-03-04T10:00:00'), iso('2026-02-26T10:00:00')),
    ];
    const before = pendingChecks(stateOf(events), rule, calendar).checks;
    const after = pendingChecks(stateOf(events), rule, calendar, undefined, [CITY_STOP]).checks;
    const item = after.find((c) => c.kind === 'escalate' && c.remediationId === 'r1');
    expect(item).toMatchObject({ dueAt: iso('2026-03-04T10:00:00'), runAt: iso('2026-03-07T10:00:00') });
    expect(after.map((c) => c.dueAt)).toEqual(before.map((c) => c.dueAt));
  });

  it('holds the levels past an item that was already overdue when the stop began', () => {
    const events = [
      reported({ occurredAt: iso('2026-02-26T09:00:00') }),
      assigned('r1', iso('2026-02-27T10:00:00'), iso('2026-02-26T10:00:00')),
    ];
    const issue = { ...stateOf(events), escalationLevel: 1 as const };
    const [level2] = pendingChecks(issue, rule, calendar, undefined, [CITY_STOP]).checks;
    // Level 2 is 1 wd past Friday 27 February 10:00: the make-up Saturday, suspended; so Tuesday 3 March 10:00.
    expect(level2).toMatchObject({ level: 2, runAt: iso('2026-03-03T10:00:00') });
    expect(level2.suspendedDueAt).toBeUndefined();
  });
});
