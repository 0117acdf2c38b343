import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { checkIdempotencyKey } from '../../src/escalation/checks/escalation-check';
import { pendingChecks } from '../../src/escalation/checks/pending-checks';
import { parseDuration } from '../../src/escalation/policy/parse-duration';
import type { LadderRule } from '../../src/escalation/policy/escalation-policy';
import type { ExistingIssue, IssueEvent } from '../../src/issues/domain';
import {
  assigned,
  closed,
  completed,
  escalated,
  extended,
  foldIssue,
  meetingConvened,
  reported,
} from '../issues/given-when-then';

const calendar = chineseWorkingCalendar();
const d = (text: string) => parseDuration(text, 'test');
const rule = (over: Partial<LadderRule> = {}): LadderRule => ({
  firstResponse: d('2h'),
  levels: { 1: d('0s'), 2: d('1d'), 3: d('3d') },
  warningShare: 0.75,
  ...over,
});
const stateOf = (events: IssueEvent[]) => foldIssue(events) as ExistingIssue;

// reported 2023-03-08T01:00Z; the fixtures assign at 2023-03-08T06:00Z unless told otherwise.
const DUE = '2023-03-10T06:00:00.000Z';

describe('the checks an issue needs (derived from its state alone)', () => {
  it('waits for a first response: a no-response check at report + wait, and its warning', () => {
    const { checks } = pendingChecks(stateOf([reported()]), rule(), calendar);
    expect(checks).toEqual([
      expect.objectContaining({
        kind: 'escalate',
        trigger: 'no-response',
        remediationId: null,
        level: 1,
        dueAt: '2023-03-08T03:00:00.000Z',
        runAt: '2023-03-08T03:00:00.000Z',
      }),
      expect.objectContaining({
        kind: 'warn',
        trigger: 'no-response',
        runAt: '2023-03-08T02:30:00.000Z',
        share: 0.75,
      }),
    ]);
  });

  it('schedules only the next level of each open item, at due + that level’s offset', () => {
    const { checks } = pendingChecks(
      stateOf([reported(), meetingConvened(), assigned('r-1', DUE), escalated(1)]),
      rule(),
      calendar,
    );
    expect(checks.filter((c) => c.kind === 'escalate')).toEqual([
      expect.objectContaining({
        trigger: 'overdue',
        remediationId: 'r-1',
        level: 2,
        dueAt: DUE,
        runAt: '2023-03-11T06:00:00.000Z',
      }),
    ]);
  });

  it('needs nothing for done items, closed issues or an issue at the top of the ladder', () => {
    const base = [reported(), assigned('r-1', DUE)];
    expect(pendingChecks(stateOf([...base, completed()]), rule(), calendar).checks).toEqual([]);
    expect(pendingChecks(stateOf([...base, closed(true)]), rule(), calendar).checks).toEqual([]);
    expect(
      pendingChecks(stateOf([...base, escalated(1), escalated(2), escalated(3)]), rule(), calendar).checks,
    ).toEqual([]);
  });

  it('moves with an extension: the new due time, and a warning measured from the extension', () => {
    const later = '2023-03-20T06:00:00.000Z';
    const { checks } = pendingChecks(
      stateOf([reported(), assigned('r-1', DUE), extended('r-1', DUE, later)]),
      rule(),
      calendar,
    );
    expect(checks.map((c) => [c.kind, c.dueAt])).toEqual([
      ['escalate', later],
      ['warn', later],
    ]);
  });

  it('counts working days in the Shanghai calendar, over weekends and the Spring Festival with its make-up days', () => {
    // Due Friday 2023-01-20 10:00 Shanghai; 2023-01-21..27 are the Spring Festival holiday,
    // 28 and 29 January (a weekend) are make-up working days: +1 working day is Saturday the 28th.
    const due = '2023-01-20T02:00:00.000Z';
    const events = [
      reported({ occurredAt: '2023-01-19T01:00:00.000Z' }),
      assigned('r-1', due, '2023-01-19T02:00:00.000Z'),
    ];
    const { checks } = pendingChecks(
      stateOf(events),
      rule({ levels: { 1: d('1wd'), 2: d('2wd'), 3: d('3wd') } }),
      calendar,
    );
    expect(checks.find((c) => c.kind === 'escalate')?.runAt).toBe('2023-01-28T02:00:00.000Z');
  });

  it('says plainly when a deadline falls in a year the holiday data does not cover, instead of guessing', () => {
    const due = `${calendar.covers.lastYear}-12-30T02:00:00.000Z`;
    const events = [
      reported({ occurredAt: `${calendar.covers.lastYear}-12-01T01:00:00.000Z` }),
      meetingConvened('m-1', `${calendar.covers.lastYear}-12-01T02:00:00.000Z`),
      assigned('r-1', due, `${calendar.covers.lastYear}-12-01T03:00:00.000Z`),
    ];
    const { checks, errors } = pendingChecks(
      stateOf(events),
      rule({ levels: { 1: d('5wd'), 2: d('6wd'), 3: d('7wd') } }),
      calendar,
    );
    expect(checks).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        remediationId: 'r-1',
        dueAt: due,
        reason: expect.stringContaining(`not ${calendar.covers.lastYear + 1}`),
      }),
    ]);
  });

  it('leaves alone a deadline that was already past when it was recorded (an import, a record made after the fact)', () => {
    const events = [reported(), assigned('r-1', DUE), assigned('r-2', '2023-04-01T00:00:00.000Z')];
    // Both items recorded on 2023-03-20: r-1 was due ten days earlier, r-2 was still ahead.
    const records = {
      'first-response': '2023-03-08T01:00:30.000Z',
      'r-1': '2023-03-20T00:00:00.000Z',
      'r-2': '2023-03-20T00:00:00.000Z',
    };
    const { checks } = pendingChecks(stateOf(events), rule(), calendar, records);
    expect(new Set(checks.map((c) => c.remediationId))).toEqual(new Set(['r-2']));
    // Recorded within a minute of its due time it is still live.
    const onTime = pendingChecks(stateOf(events), rule(), calendar, {
      ...records,
      'r-1': '2023-03-10T06:00:59.000Z',
    });
    expect(onTime.checks.some((c) => c.remediationId === 'r-1')).toBe(true);
  });

  it('gives each check a job id made of what it checks, without the ":" BullMQ reserves', () => {
    const { checks } = pendingChecks(stateOf([reported(), assigned('r:1', DUE)]), rule(), calendar);
    const ids = checks.map(checkIdempotencyKey);
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkIdempotencyKey(checks[0])).toBe(
      checkIdempotencyKey({ ...checks[0], runAt: 'another time' } as never),
    );
  });
});
