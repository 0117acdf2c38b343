import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { PolicyError, type ExtensionRule } from '../../src/escalation/policy/escalation-policy';
import { extensionRefusal, latestExtendedDueAt } from '../../src/escalation/policy/extension-limits';
import { defaultPolicyFile, loadEscalationPolicy } from '../../src/escalation/policy/load-policy';
import { CATEGORIES, SEVERITIES } from '../../src/issues/domain/vocabulary';

const configDir = path.resolve(__dirname, '../../config');
const D = 86_400_000;
const shanghai = (dateTime: string): Date => new Date(`${dateTime}+08:00`);

describe('extension rules in the shipped policies', () => {
  it.each(['escalation-policy.yaml', 'escalation-policy.fast.yaml', 'escalation-policy.fast.json'])(
    '%s gives every category × severity an extension rule',
    (file) => {
      const policy = loadEscalationPolicy(path.join(configDir, file));
      for (const category of CATEGORIES) {
        for (const severity of SEVERITIES) {
          const rule = policy.extensionRuleFor(category, severity);
          expect(rule).not.toBeNull();
          expect(rule!.maxExtensions).toBeGreaterThanOrEqual(1);
          expect(rule!.approvers).toContain('leadership');
          expect(rule!.entry).toMatch(new RegExp(`^extensions\\.${category}\\.(${severity}|\\*)$`));
        }
      }
    },
  );

  it('lets a petition be extended once, by 30 calendar days at most, by the leadership on another’s request', () => {
    const rule = loadEscalationPolicy(defaultPolicyFile()).extensionRuleFor('petition-complaint', 'medium');
    expect(rule).toEqual({
      entry: 'extensions.petition-complaint.*',
      maxExtensions: 1,
      maxLength: { kind: 'calendar', ms: 30 * D, text: '30d' },
      approvedBy: 'leadership',
      approvers: ['leadership'],
      requesterMayApprove: false,
      basis: expect.stringContaining('信访工作条例') as string,
    });
  });

  it('lets the work group extend an on-site item alone, by working days; a critical one needs the city', () => {
    const policy = loadEscalationPolicy(defaultPolicyFile());
    expect(policy.extensionRuleFor('on-site-rectification', 'high')).toMatchObject({
      maxExtensions: 2,
      maxLength: { kind: 'working-days', days: 5 },
      approvers: ['work-group', 'division', 'leadership'],
      requesterMayApprove: true,
    });
    expect(policy.extensionRuleFor('on-site-rectification', 'critical')).toMatchObject({
      entry: 'extensions.on-site-rectification.critical',
      maxExtensions: 1,
      approvers: ['division', 'leadership'],
      requesterMayApprove: false,
    });
  });
});

describe('extension rules: validation', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extension-rules-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rules = Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      { '*': { firstResponse: '10s', ladder: { 1: '0s', 2: '2s', 3: '4s' } } },
    ]),
  );
  const OK = { maxExtensions: 1, maxLength: '30d', approvedBy: 'division', requesterMayApprove: false };
  const everywhere = (rule: unknown) =>
    Object.fromEntries(CATEGORIES.map((category) => [category, { '*': rule }]));
  /** A policy with these extensions whose key-project high rule is `rule`. */
  const withRule = (rule: unknown) => ({ ...everywhere(OK), 'key-project': { '*': OK, high: rule } });
  let counter = 0;
  const load = (extensions: unknown) => {
    const file = path.join(dir, `policy-${++counter}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ name: 'x', rules, ...(extensions !== undefined && { extensions }) }),
    );
    return { file, load: () => loadEscalationPolicy(file) };
  };
  const problemWith = (extensions: unknown): string => {
    const { file, load: run } = load(extensions);
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      return (error as Error).message.slice(`ESCALATION_POLICY ${file}: `.length);
    }
    throw new Error('loaded without an error');
  };

  it('has no extension rules when the policy has no extensions section', () => {
    expect(load(undefined).load().extensionRuleFor('key-project', 'high')).toBeNull();
  });

  it('falls back to the category’s "*" and reads every key', () => {
    const policy = load(
      withRule({
        maxExtensions: 3,
        maxLength: '5wd',
        approvedBy: 'work-group',
        requesterMayApprove: true,
        basis: ' why ',
      }),
    ).load();
    expect(policy.extensionRuleFor('key-project', 'high')).toEqual({
      entry: 'extensions.key-project.high',
      maxExtensions: 3,
      maxLength: { kind: 'working-days', days: 5, text: '5wd' },
      approvedBy: 'work-group',
      approvers: ['work-group', 'division', 'leadership'],
      requesterMayApprove: true,
      basis: 'why',
    });
    expect(policy.extensionRuleFor('key-project', 'low')).toMatchObject({
      entry: 'extensions.key-project.*',
      basis: null,
    });
  });

  it('takes maxExtensions: 0 alone as "no extension"', () => {
    expect(
      load(withRule({ maxExtensions: 0 }))
        .load()
        .extensionRuleFor('key-project', 'high'),
    ).toMatchObject({
      maxExtensions: 0,
      approvers: ['leadership'],
      requesterMayApprove: false,
    });
  });

  it('names the bad entry', () => {
    expect(problemWith(withRule({ ...OK, maxLength: '30x' }))).toMatch(
      /^extensions\.key-project\.high\.maxLength: "30x" is not a duration; write e\.g\./,
    );
    expect(problemWith(withRule({ ...OK, maxLength: '0s' }))).toBe(
      'extensions.key-project.high.maxLength: 0s allows no extension at all; give a longer one, or maxExtensions: 0',
    );
    expect(problemWith(withRule({ ...OK, maxExtensions: 1.5 }))).toBe(
      'extensions.key-project.high.maxExtensions: must be a whole number from 0 to 99, got 1.5',
    );
    expect(problemWith(withRule({ ...OK, maxExtensions: undefined }))).toMatch(
      /^extensions\.key-project\.high\.maxExtensions: is missing/,
    );
    expect(problemWith(withRule({ ...OK, approvedBy: 'supervisor' }))).toBe(
      'extensions.key-project.high.approvedBy: unknown role "supervisor"; allowed: district-bureau, work-group, division, leadership (each approves what the ones before it may)',
    );
    expect(problemWith(withRule({ ...OK, requesterMayApprove: 'no' }))).toMatch(
      /^extensions\.key-project\.high\.requesterMayApprove: must be true or false, got "no"/,
    );
    expect(problemWith(withRule({ ...OK, requesterMayApprove: undefined }))).toMatch(
      /^extensions\.key-project\.high\.requesterMayApprove: is missing/,
    );
    expect(problemWith(withRule({ ...OK, approver: 'division' }))).toBe(
      'extensions.key-project.high.approver: unknown key; an extension rule allows maxExtensions, maxLength, approvedBy, requesterMayApprove, basis',
    );
    expect(problemWith(withRule({ ...OK, basis: 7 }))).toMatch(
      /^extensions\.key-project\.high\.basis: must be a non-empty text/,
    );
  });

  it('requires every category to resolve, and knows only the vocabulary', () => {
    const { 'petition-complaint': _, ...fourCategories } = everywhere(OK);
    expect(problemWith(fourCategories)).toMatch(
      /^extensions\.petition-complaint: missing; give an extension rule per severity \(low, medium, high, critical\) or a "\*" fallback$/,
    );
    expect(problemWith({ ...everywhere(OK), 'key-project': { low: OK } })).toMatch(
      /^extensions\.key-project\.medium: missing: no extension rule for key-project × medium and no "\*" fallback/,
    );
    expect(problemWith({ ...everywhere(OK), 'fire-safety': {} })).toMatch(
      /^extensions\.fire-safety: unknown category/,
    );
    expect(problemWith({ ...everywhere(OK), 'key-project': { urgent: OK } })).toMatch(
      /^extensions\.key-project\.urgent: unknown severity/,
    );
    expect(problemWith([])).toMatch(/^extensions: must be a mapping from category/);
  });
});

describe('extension limits of a rule', () => {
  const calendar = chineseWorkingCalendar();
  const rule = (over: Partial<ExtensionRule> = {}): ExtensionRule => ({
    entry: 'extensions.on-site-rectification.*',
    maxExtensions: 2,
    maxLength: { kind: 'working-days', days: 5, text: '5wd' },
    approvedBy: 'work-group',
    approvers: ['work-group', 'division', 'leadership'],
    requesterMayApprove: true,
    basis: null,
    ...over,
  });
  const due = shanghai('2024-09-27T17:00:00'); // Friday before the National Day week

  it('measures the longest extension from the current due time, in working days over holidays', () => {
    // 5wd from Friday 27 September 2024: Sunday 29th (调休), Monday 30th, Tuesday 8, Wednesday 9, Thursday 10 October.
    expect(latestExtendedDueAt(rule(), due, calendar)).toEqual(shanghai('2024-10-10T17:00:00'));
    const asked = { extensionsSoFar: 0, currentDueAt: due, newDueAt: shanghai('2024-10-10T17:00:00') };
    expect(extensionRefusal(rule(), asked, calendar)).toBeNull();
  });

  it('refuses an extension over the cap or too long, naming the rule', () => {
    const asked = { extensionsSoFar: 2, currentDueAt: due, newDueAt: shanghai('2024-09-30T17:00:00') };
    expect(extensionRefusal(rule(), asked, calendar)).toBe(
      'the policy rule extensions.on-site-rectification.* allows 2 extensions per item and this item has had 2',
    );
    expect(
      extensionRefusal(
        rule({ basis: 'one week' }),
        { ...asked, extensionsSoFar: 1, newDueAt: shanghai('2024-10-11T09:00:00') },
        calendar,
      ),
    ).toBe(
      'the policy rule extensions.on-site-rectification.* allows an extension of at most 5wd: ' +
        'the latest due time is 2024-10-10T09:00:00.000Z, not 2024-10-11T01:00:00.000Z (one week)',
    );
    expect(extensionRefusal(rule({ maxExtensions: 0 }), { ...asked, extensionsSoFar: 0 }, calendar)).toBe(
      'the policy rule extensions.on-site-rectification.* allows no extension',
    );
  });
});
