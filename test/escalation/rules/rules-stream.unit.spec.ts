import { contentDiff } from '../../../src/escalation/rules/content-diff';
import { canonical, contentVersion } from '../../../src/escalation/rules/content-version';
import type { RulesEvent } from '../../../src/escalation/rules/rules-events';
import {
  decideInstall,
  evolveRules,
  initialRulesState,
  type InstallRules,
  type RulesState,
} from '../../../src/escalation/rules/rules-stream';

/**
 * The `system-config` stream's decider: given the installs in the log, when an engine puts its
 * files in force, then the versions the log has not seen are recorded with what changed.
 */
const NOW = new Date('2026-12-01T08:00:00.000Z');
const policyOf = (delay: string) => ({
  name: 'hours',
  rules: { 'key-project': { '*': { firstResponse: '10h', ladder: { 1: '0s', 2: delay, 3: '4h' } } } },
});
const calendarOf = (years: Record<string, { source: string; holidays: string[]; workdays: string[] }>) => ({
  package: 'chinese-days 1.5.7',
  uncoveredYears: 'refuse' as const,
  years,
});
const install = (
  policy: unknown,
  calendar: ReturnType<typeof calendarOf>,
  installId = 'install-1',
): InstallRules => ({
  policy: {
    version: contentVersion(policy),
    name: 'hours',
    content: canonical(policy),
    source: 'policy.yaml',
  },
  calendar: { version: contentVersion(calendar), content: calendar, source: null },
  installedBy: 'engine-start',
  installId,
  now: NOW,
});
const given = (...events: RulesEvent[]): RulesState => events.reduce(evolveRules, initialRulesState());

describe('the rules in force as facts in the log', () => {
  it('records both the policy and the calendar on the first start, as first versions', () => {
    const events = decideInstall(given(), install(policyOf('2h'), calendarOf({})));
    expect(events.map((e) => e.type)).toEqual(['EscalationPolicyInstalled', 'WorkingCalendarInstalled']);
    expect(events[0].data).toMatchObject({
      version: contentVersion(policyOf('2h')),
      previousVersion: null,
      changes: ['first version'],
      installedBy: 'engine-start',
      occurredAt: NOW.toISOString(),
    });
  });

  it('records nothing when the same files start again', () => {
    const first = decideInstall(given(), install(policyOf('2h'), calendarOf({})));
    expect(decideInstall(given(...first), install(policyOf('2h'), calendarOf({}), 'install-2'))).toEqual([]);
  });

  it('records only what changed, and says what', () => {
    const first = decideInstall(given(), install(policyOf('2h'), calendarOf({})));
    const events = decideInstall(given(...first), install(policyOf('1h'), calendarOf({}), 'install-2'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'EscalationPolicyInstalled',
      data: {
        previousVersion: contentVersion(policyOf('2h')),
        changes: ['rules.key-project.*.ladder.2: 2h → 1h'],
      },
    });
  });

  it('names a calendar year added', () => {
    const first = decideInstall(given(), install(policyOf('2h'), calendarOf({})));
    const year = { source: '国务院办公厅通知（虚构）', holidays: ['2027-01-01'], workdays: [] };
    const [event] = decideInstall(given(...first), install(policyOf('2h'), calendarOf({ 2027: year }), 'i2'));
    expect(event).toMatchObject({
      type: 'WorkingCalendarInstalled',
      data: { changes: ['years.2027: added'] },
    });
  });

  it('keeps the pair in force before the latest install, across its two events', () => {
    const first = decideInstall(given(), install(policyOf('2h'), calendarOf({})));
    const year = { source: 'x', holidays: ['2027-01-01'], workdays: [] };
    const both = decideInstall(given(...first), install(policyOf('1h'), calendarOf({ 2027: year }), 'i2'));
    const state = given(...first, ...both);
    expect(state.beforeLatest?.policy?.version).toBe(contentVersion(policyOf('2h')));
    expect(state.beforeLatest?.calendar?.version).toBe(contentVersion(calendarOf({})));
    // A later install of the policy alone compares with the pair right before it.
    const again = decideInstall(state, install(policyOf('2h'), calendarOf({ 2027: year }), 'i3'));
    expect(given(...first, ...both, ...again).beforeLatest).toMatchObject({
      policy: { version: contentVersion(policyOf('1h')) },
      calendar: { version: contentVersion(calendarOf({ 2027: year })) },
    });
  });
});

describe('content versions and their differences', () => {
  it('name what a file means, not how it is written', () => {
    expect(contentVersion({ b: 1, a: { d: 2, c: 3 } })).toBe(contentVersion({ a: { c: 3, d: 2 }, b: 1 }));
    expect(contentVersion({ a: 1 })).not.toBe(contentVersion({ a: 2 }));
  });

  it('list added, removed and changed entries by path', () => {
    expect(contentDiff({ a: 1, b: { c: 'x' } }, { b: { c: 'y' }, d: true })).toEqual([
      'a: removed',
      'b.c: x → y',
      'd: added',
    ]);
    expect(contentDiff({ a: 1 }, { a: 1 })).toEqual(['no entry changed']);
  });
});
