import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACTIVITY_KINDS } from '../groups/record/record-vocabulary';
import {
  SCORING_FIGURES,
  ScoringFormulaError,
  TIE_FIELDS,
  type Measure,
  type PointsRule,
  type ScoringFormula,
  type TieRule,
} from './scoring-formula';

type Raw = Record<string, unknown>;
type Fail = (entry: string, problem: string) => ScoringFormulaError;

const TOP_LEVEL_KEYS = ['version', 'name', 'measures', 'ties'];
const MEASURE_KEYS = ['key', 'name', 'weight', 'figure', 'points', 'levels', 'kinds'];
const PRACTICES = ['practicesAdopted', 'practicesPromoted'];
const COUNTABLE = [...ACTIVITY_KINDS, ...PRACTICES];
const TOTAL = 100;

const isMapping = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const list = (values: readonly string[]) => values.join(', ');

/**
 * Reads and validates the scoring formula file (.yaml, .yml or .json; see config/scoring.yaml
 * for the format and the shipped formula). Every measure must be complete, the weights must
 * add up to 100, and every tie rule must name a row figure.
 * @throws ScoringFormulaError naming the file, the entry and what to fix.
 */
export function loadScoringFormula(file: string): ScoringFormula {
  const source = path.resolve(file);
  const fail: Fail = (entry, problem) =>
    new ScoringFormulaError(`SCORING_FORMULA ${source}${entry ? `: ${entry}` : ''}: ${problem}`);
  const doc = readDocument(source, fail);
  if (!isMapping(doc)) throw fail('', 'must be a mapping with version, name, measures and ties');
  for (const key of Object.keys(doc))
    if (!TOP_LEVEL_KEYS.includes(key))
      throw fail(key, `unknown key; the top level allows ${list(TOP_LEVEL_KEYS)}`);
  const version = doc.version;
  if ((typeof version !== 'string' || version.trim() === '') && !isNumber(version))
    throw fail(
      'version',
      'is required: a version text such as "2023.1", changed whenever the formula changes',
    );
  const name = doc.name;
  if (typeof name !== 'string' || name.trim() === '') throw fail('name', 'is required: the formula’s title');

  if (!Array.isArray(doc.measures) || doc.measures.length === 0)
    throw fail('measures', 'must be a list of at least one measure');
  const measures = doc.measures.map((raw, i) => readMeasure(raw, `measures[${i}]`, fail));
  const keys = new Set<string>();
  measures.forEach((m, i) => {
    if (keys.has(m.key)) throw fail(`measures[${i}].key`, `"${m.key}" is used twice; keys must be unique`);
    keys.add(m.key);
  });
  const total = measures.reduce((sum, m) => sum + m.weight, 0);
  if (Math.abs(total - TOTAL) > 1e-9)
    throw fail(
      'measures',
      `the weights add up to ${total}, not ${TOTAL}: ${measures.map((m) => `${m.key} ${m.weight}`).join(', ')}`,
    );

  const ties = doc.ties ?? [];
  if (!Array.isArray(ties))
    throw fail('ties', 'must be a list such as ["onTimeRate desc", "openOverdue asc"]');
  return {
    version: String(version).trim(),
    name: name.trim(),
    measures,
    ties: ties.map((raw, i) => readTie(raw, `ties[${i}]`, fail)),
  };
}

function readDocument(source: string, fail: Fail): unknown {
  const extension = path.extname(source).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) throw fail('', 'must be a .yaml, .yml or .json file');
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw fail('', `cannot be read (${(error as Error).message})`);
  }
  try {
    return extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw fail('', `cannot be parsed: ${(error as Error).message}`);
  }
}

function readMeasure(raw: unknown, where: string, fail: Fail): Measure {
  if (!isMapping(raw)) throw fail(where, 'must be a mapping with key, name, weight, figure and points');
  for (const key of Object.keys(raw))
    if (!MEASURE_KEYS.includes(key))
      throw fail(`${where}.${key}`, `unknown key; a measure allows ${list(MEASURE_KEYS)}`);
  const key = raw.key;
  if (typeof key !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(key))
    throw fail(`${where}.key`, 'is required: a short name of letters and digits, e.g. onTime');
  const at = `${where} (${key})`;
  if (typeof raw.name !== 'string' || raw.name.trim() === '') throw fail(`${at}.name`, 'is required');
  if (!isNumber(raw.weight) || raw.weight <= 0)
    throw fail(`${at}.weight`, `must be a number above 0, got ${JSON.stringify(raw.weight)}`);
  const figure = raw.figure;
  if (typeof figure !== 'string' || !(SCORING_FIGURES as readonly string[]).includes(figure))
    throw fail(`${at}.figure`, `must be one of ${list(SCORING_FIGURES)}, got ${JSON.stringify(figure)}`);
  const measure: Measure = {
    key,
    name: raw.name.trim(),
    weight: raw.weight,
    figure: figure as Measure['figure'],
    points: readPoints(raw.points, `${at}.points`, fail),
  };
  if (figure === 'escalations') measure.levels = readLevels(raw.levels, `${at}.levels`, fail);
  else if (raw.levels !== undefined) throw fail(`${at}.levels`, 'only an escalations measure has levels');
  if (figure === 'activities') measure.kinds = readKinds(raw.kinds, `${at}.kinds`, fail);
  else if (raw.kinds !== undefined) throw fail(`${at}.kinds`, 'only an activities measure has kinds');
  return measure;
}

function readPoints(raw: unknown, where: string, fail: Fail): PointsRule {
  if (!isMapping(raw)) throw fail(where, 'must be a mapping such as { rule: share, whenNone: 0 }');
  const allowed = (keys: string[]) => {
    for (const key of Object.keys(raw))
      if (key !== 'rule' && !keys.includes(key))
        throw fail(`${where}.${key}`, `unknown key for rule ${String(raw.rule)}; it takes ${list(keys)}`);
  };
  switch (raw.rule) {
    case 'share': {
      allowed(['whenNone']);
      const whenNone = raw.whenNone ?? 0;
      if (!isNumber(whenNone) || whenNone < 0 || whenNone > 1)
        throw fail(`${where}.whenNone`, `must be a share from 0 to 1, got ${JSON.stringify(raw.whenNone)}`);
      return { rule: 'share', whenNone };
    }
    case 'penalty':
      allowed(['zeroAt']);
      if (!isNumber(raw.zeroAt) || raw.zeroAt <= 0)
        throw fail(`${where}.zeroAt`, `must be a number above 0, got ${JSON.stringify(raw.zeroAt)}`);
      return { rule: 'penalty', zeroAt: raw.zeroAt };
    case 'per-week':
      allowed(['target']);
      if (!isNumber(raw.target) || raw.target <= 0)
        throw fail(
          `${where}.target`,
          `must be a number above 0 (per week), got ${JSON.stringify(raw.target)}`,
        );
      return { rule: 'per-week', target: raw.target };
    default:
      throw fail(`${where}.rule`, `must be share, penalty or per-week, got ${JSON.stringify(raw.rule)}`);
  }
}

function readLevels(raw: unknown, where: string, fail: Fail): { 1: number; 2: number; 3: number } {
  if (!isMapping(raw))
    throw fail(where, 'is required for escalations: the weight of each level, e.g. { 1: 1, 2: 2, 3: 3 }');
  const levels = { 1: 0, 2: 0, 3: 0 };
  for (const key of Object.keys(raw))
    if (!['1', '2', '3'].includes(key)) throw fail(`${where}.${key}`, 'unknown level; levels are 1, 2 and 3');
  for (const level of [1, 2, 3] as const) {
    const value = raw[level];
    if (!isNumber(value) || value < 0)
      throw fail(`${where}.${level}`, `must be a number, 0 or more, got ${JSON.stringify(value)}`);
    levels[level] = value;
  }
  return levels;
}

function readKinds(raw: unknown, where: string, fail: Fail): string[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw fail(where, `is required for activities: a list of ${list(COUNTABLE)}`);
  return raw.map((kind, i) => {
    if (typeof kind !== 'string' || !COUNTABLE.includes(kind))
      throw fail(`${where}[${i}]`, `must be one of ${list(COUNTABLE)}, got ${JSON.stringify(kind)}`);
    return kind;
  });
}

function readTie(raw: unknown, where: string, fail: Fail): TieRule {
  const match = typeof raw === 'string' ? /^\s*(\w+)\s+(asc|desc)\s*$/.exec(raw) : null;
  if (!match || !(TIE_FIELDS as readonly string[]).includes(match[1]))
    throw fail(
      where,
      `must be "<figure> asc" or "<figure> desc" with a figure of ${list(TIE_FIELDS)}, got ${JSON.stringify(raw)}`,
    );
  return { field: match[1] as TieRule['field'], order: match[2] as TieRule['order'] };
}
