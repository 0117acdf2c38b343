import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PolicyError } from '../../src/escalation/policy/escalation-policy';
import { defaultPolicyFile, loadEscalationPolicy } from '../../src/escalation/policy/load-policy';
import { CATEGORIES, SEVERITIES } from '../../src/issues/domain/vocabulary';

const configDir = path.resolve(__dirname, '../../config');
const S = 1_000;
const H = 3_600 * S;
const D = 24 * H;

describe('loadEscalationPolicy: shipped files', () => {
  it('finds the default policy beside package.json', () => {
    expect(defaultPolicyFile()).toBe(path.join(configDir, 'escalation-policy.yaml'));
  });

  it.each(['escalation-policy.yaml', 'escalation-policy.fast.yaml', 'escalation-policy.fast.json'])(
    '%s resolves every category × severity',
    (file) => {
      const policy = loadEscalationPolicy(path.join(configDir, file));
      expect(policy.source).toBe(path.join(configDir, file));
      for (const category of CATEGORIES) {
        for (const severity of SEVERITIES) {
          const rule = policy.ruleFor(category, severity);
          expect(rule.firstResponse).toBeDefined();
          expect(Object.keys(rule.levels)).toEqual(['1', '2', '3']);
          expect(rule.warningShare).toBeGreaterThan(0);
        }
      }
    },
  );

  it.each(['escalation-policy.fast.yaml', 'escalation-policy.fast.json'])(
    '%s fires 0, 2 and 4 s past due everywhere',
    (file) => {
      const policy = loadEscalationPolicy(path.join(configDir, file));
      expect(policy.name).toBe('fast');
      for (const category of CATEGORIES) {
        for (const severity of SEVERITIES) {
          const rule = policy.ruleFor(category, severity);
          expect(rule.levels).toEqual({
            1: { kind: 'calendar', ms: 0, text: '0s' },
            2: { kind: 'calendar', ms: 2 * S, text: '2s' },
            3: { kind: 'calendar', ms: 4 * S, text: '4s' },
          });
          expect(rule.firstResponse).toEqual({ kind: 'calendar', ms: 10 * S, text: '10s' });
          expect(rule.warningShare).toBe(0.75);
        }
      }
    },
  );

  it('ships defaults that fit the seed', () => {
    const policy = loadEscalationPolicy(defaultPolicyFile());
    expect(policy.name).toBe('default');
    // Safety emergencies in hours, the critical ones on the 1-hour accident-report clock.
    const critical = policy.ruleFor('safety-emergency', 'critical');
    expect(critical.firstResponse).toMatchObject({ kind: 'calendar', ms: H });
    expect(critical.warningShare).toBe(0.5);
    expect(policy.ruleFor('safety-emergency', 'low').firstResponse.kind).toBe('calendar');
    // Petitions within the statutory 15 days to answer, the ladder within the 30-day extension.
    const petition = policy.ruleFor('petition-complaint', 'medium');
    expect(petition.firstResponse).toMatchObject({ kind: 'calendar', ms: 15 * D });
    expect(petition.levels[3]).toMatchObject({ kind: 'calendar', ms: 30 * D });
    // On-site rectification in working days.
    expect(policy.ruleFor('on-site-rectification', 'medium').firstResponse).toMatchObject({
      kind: 'working-days',
    });
    expect(policy.ruleFor('key-project', 'low').firstResponse).toMatchObject({
      kind: 'calendar',
      ms: 14 * D,
    });
    expect(policy.ruleFor('technical-difficulty', 'high').firstResponse).toMatchObject({
      kind: 'working-days',
      days: 10,
    });
  });
});

describe('loadEscalationPolicy: validation', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalation-policy-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fastRules = (): Record<string, unknown> =>
    Object.fromEntries(
      CATEGORIES.map((category) => [
        category,
        { '*': { firstResponse: '10s', ladder: { 1: '0s', 2: '2s', 3: '4s' } } },
      ]),
    );
  let counter = 0;
  /** Writes a policy file and returns the error loading it raises. */
  const errorFor = (content: string | object, extension = '.json'): PolicyError => {
    const file = path.join(dir, `policy-${++counter}${extension}`);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    try {
      loadEscalationPolicy(file);
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as Error).message.startsWith(`ESCALATION_POLICY ${file}: `)).toBe(true);
      return error as PolicyError;
    }
    throw new Error(`${file} loaded without an error`);
  };
  /** A valid policy but for one rule. */
  const withRule = (category: string, severity: string, rule: unknown): object => ({
    name: 'bad',
    rules: {
      ...fastRules(),
      [category]: { '*': { firstResponse: '1h', ladder: { 1: '0s', 2: '1h', 3: '2h' } }, [severity]: rule },
    },
  });

  it('names a bad duration with the entry and how to write one', () => {
    const error = errorFor(
      withRule('safety-emergency', 'critical', {
        firstResponse: '30m',
        ladder: { 1: '0s', 2: '2x', 3: '2h' },
      }),
    );
    expect(error.message).toMatch(
      /: rules\.safety-emergency\.critical\.ladder\.2: "2x" is not a duration; write e\.g\. 30s, 15m, 4h, 3d, 2w or 5wd \(working days\)$/,
    );
  });

  it('says when the file cannot be read, with the reason', () => {
    const file = path.join(dir, 'missing.yaml');
    expect(() => loadEscalationPolicy(file)).toThrow(`ESCALATION_POLICY ${file}: cannot be read (ENOENT`);
  });

  it('says when the file is not a policy file type', () => {
    expect(errorFor('name: x', '.txt').message).toMatch(/must be a \.yaml, \.yml or \.json file/);
  });

  it("passes on the YAML parser's message", () => {
    expect(errorFor('rules: {unclosed', '.yaml').message).toMatch(/cannot be parsed as YAML: .+/);
    expect(errorFor('a: 1\na: 2\n', '.yml').message).toMatch(
      /cannot be parsed as YAML: .*[Mm]ap keys must be unique/,
    );
  });

  it("passes on the JSON parser's message", () => {
    expect(errorFor('{"rules": ', '.json').message).toMatch(/cannot be parsed as JSON: .+/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorFor('- a\n- b\n', '.yaml').message).toMatch(
      /must be a mapping with name, warningShare and rules/,
    );
  });

  it('rejects unknown top-level keys, listing the allowed ones', () => {
    expect(errorFor({ name: 'x', warningshare: 0.5, rules: fastRules() }).message).toMatch(
      /: warningshare: unknown key; the top level allows name, warningShare, rules, extensions$/,
    );
  });

  it('rejects unknown categories, listing the allowed ones', () => {
    expect(errorFor({ rules: { ...fastRules(), 'fire-safety': {} } }).message).toMatch(
      /: rules\.fire-safety: unknown category; allowed: on-site-rectification, key-project, safety-emergency, petition-complaint, technical-difficulty$/,
    );
  });

  it('rejects unknown severities, listing the allowed ones', () => {
    expect(
      errorFor(
        withRule('key-project', 'urgent', { firstResponse: '1h', ladder: { 1: '0s', 2: '1h', 3: '2h' } }),
      ).message,
    ).toMatch(
      /: rules\.key-project\.urgent: unknown severity; allowed: low, medium, high, critical or "\*" for the rest$/,
    );
  });

  it('names a category missing altogether', () => {
    const rules = fastRules();
    delete rules['technical-difficulty'];
    expect(errorFor({ rules }).message).toMatch(
      /: rules\.technical-difficulty: missing; give a rule per severity/,
    );
  });

  it('names the category × severity that nothing resolves', () => {
    const rule = { firstResponse: '1h', ladder: { 1: '0s', 2: '1h', 3: '2h' } };
    const rules = { ...fastRules(), 'petition-complaint': { low: rule, medium: rule, critical: rule } };
    expect(errorFor({ rules }).message).toMatch(
      /: rules\.petition-complaint\.high: missing: no rule for petition-complaint × high and no "\*" fallback/,
    );
  });

  it('requires firstResponse', () => {
    expect(
      errorFor(withRule('key-project', 'low', { ladder: { 1: '0s', 2: '1h', 3: '2h' } })).message,
    ).toMatch(/: rules\.key-project\.low\.firstResponse: is missing; write e\.g\./);
  });

  it('requires a ladder and all three of its levels', () => {
    expect(errorFor(withRule('key-project', 'low', { firstResponse: '1h' })).message).toMatch(
      /: rules\.key-project\.low\.ladder: must be a mapping of the levels 1, 2, 3/,
    );
    expect(
      errorFor(withRule('key-project', 'low', { firstResponse: '1h', ladder: { 1: '0s', 2: '1h' } })).message,
    ).toMatch(/: rules\.key-project\.low\.ladder\.3: is missing/);
  });

  it('rejects unknown keys in a rule and unknown ladder levels', () => {
    expect(errorFor(withRule('key-project', 'low', { firstResponse: '1h', ladders: {} })).message).toMatch(
      /: rules\.key-project\.low\.ladders: unknown key; a rule allows firstResponse, ladder, warningShare$/,
    );
    expect(
      errorFor(
        withRule('key-project', 'low', {
          firstResponse: '1h',
          ladder: { 1: '0s', 2: '1h', 3: '2h', 4: '3h' },
        }),
      ).message,
    ).toMatch(/: rules\.key-project\.low\.ladder\.4: unknown level; the ladder has levels 1, 2, 3$/);
  });

  it('requires warningShare strictly between 0 and 1, at the top and in a rule', () => {
    for (const share of [0, 1, 1.5, -0.2, '75%', true]) {
      expect(errorFor({ warningShare: share, rules: fastRules() }).message).toMatch(
        /: warningShare: must be a share strictly between 0 and 1/,
      );
    }
    expect(
      errorFor(
        withRule('key-project', 'high', {
          firstResponse: '1h',
          ladder: { 1: '0s', 2: '1h', 3: '2h' },
          warningShare: 75,
        }),
      ).message,
    ).toMatch(/: rules\.key-project\.high\.warningShare: must be a share strictly between 0 and 1.*got 75$/);
  });

  it('rejects a ladder whose higher level fires earlier, when the two are comparable', () => {
    expect(
      errorFor(
        withRule('key-project', 'high', { firstResponse: '1h', ladder: { 1: '0s', 2: '2h', 3: '1h' } }),
      ).message,
    ).toMatch(
      /: rules\.key-project\.high\.ladder\.3: 1h fires before level 2 \(2h\); a higher level must not fire earlier$/,
    );
    expect(
      errorFor(
        withRule('key-project', 'high', { firstResponse: '1h', ladder: { 1: '3wd', 2: '2wd', 3: '5wd' } }),
      ).message,
    ).toMatch(/: rules\.key-project\.high\.ladder\.2: 2wd fires before level 1 \(3wd\)/);
  });

  it('does not compare calendar time with working days, and inherits or overrides warningShare', () => {
    const file = path.join(dir, 'mixed.yaml');
    const others = CATEGORIES.filter((category) => category !== 'key-project').map(
      (category) => `  ${category}: { "*": { firstResponse: 10s, ladder: { 1: 0s, 2: 2s, 3: 4s } } }`,
    );
    fs.writeFileSync(
      file,
      [
        'name: mixed',
        'warningShare: 0.8',
        'rules:',
        ...others,
        '  key-project:',
        '    "*": { firstResponse: 5 working days, ladder: { 1: 0, 2: 1wd, 3: 1d } }',
        '    low: { firstResponse: 2w, ladder: { 1: 0s, 2: 1w, 3: 2w }, warningShare: null }',
      ].join('\n'),
    );
    const policy = loadEscalationPolicy(file);
    expect(policy.ruleFor('key-project', 'high').levels[3]).toEqual({ kind: 'calendar', ms: D, text: '1d' });
    expect(policy.ruleFor('key-project', 'high').firstResponse).toEqual({
      kind: 'working-days',
      days: 5,
      text: '5 working days',
    });
    expect(policy.ruleFor('key-project', 'high').warningShare).toBe(0.8);
    expect(policy.ruleFor('key-project', 'low').warningShare).toBeNull();
  });

  it('treats a missing, null or false warningShare as no warning', () => {
    const file = path.join(dir, 'no-warning.json');
    for (const share of [undefined, null, false]) {
      fs.writeFileSync(file, JSON.stringify({ warningShare: share, rules: fastRules() }));
      const policy = loadEscalationPolicy(file);
      expect(policy.ruleFor('petition-complaint', 'low').warningShare).toBeNull();
      expect(policy.name).toBe('no-warning');
    }
  });

  it('rejects an empty name', () => {
    expect(errorFor({ name: '', rules: fastRules() }).message).toMatch(/: name: must be a non-empty text/);
  });
});
