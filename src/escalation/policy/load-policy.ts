import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ESCALATION_LEVELS,
  type Category,
  type EscalationLevel,
  type Severity,
} from '../../issues/domain/vocabulary';
import type { Duration } from './duration';
import { PolicyError, type EscalationPolicy, type ExtensionRule, type LadderRule } from './escalation-policy';
import { parseDuration } from './parse-duration';
import { failFor, isMapping, list, perCategoryAndSeverity, type Fail } from './policy-file';
import { readExtensionRules } from './read-extension-rules';

const TOP_LEVEL_KEYS = ['name', 'warningShare', 'rules', 'extensions'];
const RULE_KEYS = ['firstResponse', 'ladder', 'warningShare'];

/**
 * Reads and validates an escalation policy file (.yaml, .yml or .json):
 *
 * ```yaml
 * name: default
 * warningShare: 0.75          # default for every rule; null/false (or left out) = no warnings
 * rules:
 *   safety-emergency:
 *     "*":      { firstResponse: 2h, ladder: { 1: 0s, 2: 2h, 3: 6h } }
 *     critical: { firstResponse: 30m, ladder: { 1: 0s, 2: 1h, 3: 2h }, warningShare: 0.5 }
 * extensions:                 # optional; see readExtensionRules
 *   safety-emergency:
 *     "*": { maxExtensions: 1, maxLength: 1d, approvedBy: division, requesterMayApprove: false }
 * ```
 *
 * Every category × severity must resolve, to its own entry or the category's `"*"`; each entry
 * is complete on its own (only warningShare is inherited), so a rule reads the same wherever
 * it is looked up. The same holds for `extensions` when the policy has the section.
 * @throws PolicyError whose message names the file, the entry and how to fix it.
 */
export function loadEscalationPolicy(file: string): EscalationPolicy {
  return escalationPolicyFrom(readPolicyDocument(file), file);
}

/** The parsed document of a policy file, as written (before validation). @throws PolicyError */
export function readPolicyDocument(file: string): unknown {
  const source = path.resolve(file);
  return readDocument(source, failFor(source));
}

/**
 * A policy from its parsed document: the file's, or one recorded in the log (the content of an
 * `EscalationPolicyInstalled`), so an earlier version can be rebuilt to compare times with.
 * @throws PolicyError naming `file` and the bad entry.
 */
export function escalationPolicyFrom(doc: unknown, file: string): EscalationPolicy {
  const source = path.resolve(file);
  const fail = failFor(source);
  if (!isMapping(doc))
    throw fail('', 'must be a mapping with name, warningShare and rules (and optionally extensions)');
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key))
      throw fail(key, `unknown key; the top level allows ${list(TOP_LEVEL_KEYS)}`);
  }
  const name = doc.name ?? path.basename(source, path.extname(source));
  if (typeof name !== 'string' || name.trim() === '')
    throw fail('name', `must be a non-empty text, got ${JSON.stringify(name)}`);
  const defaultShare = readWarningShare(doc.warningShare, 'warningShare', fail);

  const table = perCategoryAndSeverity(
    doc.rules,
    'rules',
    'rule',
    (entry, where) => readRule(entry, where, defaultShare, fail),
    fail,
  );
  const extensions = doc.extensions === undefined ? null : readExtensionRules(doc.extensions, fail);

  return {
    source,
    name,
    ruleFor(category: Category, severity: Severity): LadderRule {
      const rule = table[category]?.[severity];
      if (!rule)
        throw new PolicyError(`the escalation policy "${name}" has no rule for ${category} × ${severity}`);
      return rule;
    },
    extensionRuleFor(category: Category, severity: Severity): ExtensionRule | null {
      if (!extensions) return null;
      const rule = extensions[category]?.[severity];
      if (!rule) {
        throw new PolicyError(
          `the escalation policy "${name}" has no extension rule for ${category} × ${severity}`,
        );
      }
      return rule;
    },
  };
}

function readDocument(source: string, fail: Fail): unknown {
  const extension = path.extname(source).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    throw fail('', 'must be a .yaml, .yml or .json file');
  }
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw fail('', `cannot be read (${(error as Error).message})`);
  }
  try {
    return extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw fail(
      '',
      `cannot be parsed as ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
}

function readRule(entry: unknown, where: string, defaultShare: number | null, fail: Fail): LadderRule {
  if (!isMapping(entry))
    throw fail(where, 'must be a mapping with firstResponse, ladder and optionally warningShare');
  for (const key of Object.keys(entry)) {
    if (!RULE_KEYS.includes(key))
      throw fail(`${where}.${key}`, `unknown key; a rule allows ${list(RULE_KEYS)}`);
  }
  const duration = (value: unknown, entryName: string): Duration =>
    parseDuration(value, fail.where(entryName));
  const firstResponse = duration(entry.firstResponse, `${where}.firstResponse`);

  const ladder = entry.ladder;
  if (!isMapping(ladder))
    throw fail(
      `${where}.ladder`,
      `must be a mapping of the levels ${list(ESCALATION_LEVELS)} to durations past due`,
    );
  for (const key of Object.keys(ladder)) {
    if (!ESCALATION_LEVELS.some((level) => String(level) === key)) {
      throw fail(`${where}.ladder.${key}`, `unknown level; the ladder has levels ${list(ESCALATION_LEVELS)}`);
    }
  }
  const levels = {} as Record<EscalationLevel, Duration>;
  for (const level of ESCALATION_LEVELS) levels[level] = duration(ladder[level], `${where}.ladder.${level}`);
  for (const level of ESCALATION_LEVELS.slice(1)) {
    const before = levels[(level - 1) as EscalationLevel];
    if (firesEarlier(levels[level], before)) {
      throw fail(
        `${where}.ladder.${level}`,
        `${levels[level].text} fires before level ${level - 1} (${before.text}); a higher level must not fire earlier`,
      );
    }
  }

  const warningShare =
    entry.warningShare === undefined
      ? defaultShare
      : readWarningShare(entry.warningShare, `${where}.warningShare`, fail);
  return Object.freeze({ firstResponse, levels: Object.freeze(levels), warningShare });
}

/**
 * Whether `a` surely ends before `b`. Calendar time and working days are not compared: 3d may
 * be more or less than 2wd depending on the weekends and holidays in between.
 */
function firesEarlier(a: Duration, b: Duration): boolean {
  if (a.kind === 'calendar' && b.kind === 'calendar') return a.ms < b.ms;
  if (a.kind === 'working-days' && b.kind === 'working-days') return a.days < b.days;
  return false;
}

function readWarningShare(value: unknown, where: string, fail: Fail): number | null {
  if (value === undefined || value === null || value === false) return null;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw fail(
      where,
      `must be a share strictly between 0 and 1 (e.g. 0.75 warns at 75% of the allowed time), or null for no warning; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The shipped default policy, `config/escalation-policy.yaml` beside package.json, wherever the engine starts. */
export function defaultPolicyFile(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'config', 'escalation-policy.yaml');
}
