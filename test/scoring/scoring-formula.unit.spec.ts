import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadScoringFormula } from '../../src/scoring/load-scoring-formula';
import { ScoringFormulaError } from '../../src/scoring/scoring-formula';

const SHIPPED = path.join(__dirname, '../../config/scoring.yaml');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoring-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The shipped file with one edit, written to a temp file and loaded. */
const loadEdited = (edit: (text: string) => string, name = 'edited.yaml') => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(SHIPPED, 'utf8')));
  return () => loadScoringFormula(file);
};

describe('the scoring formula file', () => {
  it('ships a formula of five measures whose weights add up to 100, with a version and tie rules', () => {
    const formula = loadScoringFormula(SHIPPED);
    expect(formula.version).toBe('2023.1');
    expect(formula.measures.map((m) => [m.key, m.weight])).toEqual([
      ['onTime', 30],
      ['overdue', 20],
      ['escalations', 15],
      ['onSite', 20],
      ['knowledge', 15],
    ]);
    expect(formula.ties).toEqual([
      { field: 'onTimeRate', order: 'desc' },
      { field: 'openOverdue', order: 'asc' },
      { field: 'onSiteDays', order: 'desc' },
    ]);
    expect(formula.measures.find((m) => m.key === 'escalations')!.levels).toEqual({ 1: 1, 2: 2, 3: 3 });
  });

  it.each([
    [
      'weights that do not add up to 100',
      (t: string) => t.replace('weight: 30', 'weight: 31'),
      /measures: the weights add up to 101, not 100/,
    ],
    [
      'an unknown figure',
      (t: string) => t.replace('figure: openOverdue', 'figure: overdueIssues'),
      /measures\[1\] \(overdue\)\.figure: must be one of/,
    ],
    [
      'a penalty without zeroAt',
      (t: string) => t.replace('{ rule: penalty, zeroAt: 5 }', '{ rule: penalty }'),
      /measures\[1\] \(overdue\)\.points\.zeroAt: must be a number above 0/,
    ],
    [
      'an unknown rule',
      (t: string) => t.replace('{ rule: share, whenNone: 0 }', '{ rule: linear }'),
      /measures\[0\] \(onTime\)\.points\.rule: must be share, penalty or per-week/,
    ],
    [
      'an unknown activity kind',
      (t: string) => t.replace('      - exchange\n', '      - karaoke\n'),
      /measures\[4\] \(knowledge\)\.kinds\[6\]: must be one of/,
    ],
    [
      'a tie rule on an unknown figure',
      (t: string) => t.replace('onSiteDays desc', 'luck desc'),
      /ties\[2\]: must be "<figure> asc" or "<figure> desc"/,
    ],
    [
      'a measure key used twice',
      (t: string) => t.replace('key: overdue', 'key: onTime'),
      /measures\[1\]\.key: "onTime" is used twice/,
    ],
    ['a misspelt top-level key', (t: string) => t.replace('ties:', 'tie:'), /tie: unknown key/],
    ['no version', (t: string) => t.replace('version: "2023.1"', ''), /version: is required/],
  ])('refuses %s, naming the file and the entry', (_what, edit, message) => {
    const load = loadEdited(edit);
    expect(load).toThrow(ScoringFormulaError);
    expect(load).toThrow(message);
    expect(load).toThrow(/SCORING_FORMULA .*edited\.yaml/);
  });

  it('refuses a file that is not YAML or cannot be read', () => {
    expect(() => loadScoringFormula(path.join(dir, 'missing.yaml'))).toThrow(/cannot be read/);
    expect(loadEdited(() => 'measures: [', 'broken.yaml')).toThrow(/cannot be parsed/);
  });
});
