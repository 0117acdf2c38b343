import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../issues/domain/vocabulary';
import { PolicyError } from './escalation-policy';

/** The severity key that stands for every severity a category does not list. */
export const FALLBACK = '*';

export type Raw = Record<string, unknown>;

/** Builds the errors for one file: `ESCALATION_POLICY <file>: <entry>: <problem>`. */
export interface Fail {
  (entry: string, problem: string): PolicyError;
  /** The prefix naming file and entry, for parseDuration's own messages. */
  where(entry: string): string;
}

export function failFor(source: string): Fail {
  const where = (entry: string): string => `ESCALATION_POLICY ${source}${entry ? `: ${entry}` : ''}`;
  return Object.assign((entry: string, problem: string) => new PolicyError(`${where(entry)}: ${problem}`), {
    where,
  });
}

export const isMapping = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const list = (values: readonly (string | number)[]): string => values.join(', ');

/**
 * One entry per category × severity from a section shaped `category → severity or "*" → entry`
 * (`rules`, `extensions`): every category must be there, every severity must resolve to its own
 * entry or the category's `"*"`, and nothing unknown may appear. `read` parses one entry, whose
 * path it is given (e.g. `rules.safety-emergency.critical`); `noun` names an entry in messages.
 */
export function perCategoryAndSeverity<T>(
  section: unknown,
  name: string,
  noun: string,
  read: (entry: unknown, where: string) => T,
  fail: Fail,
): Record<Category, Record<Severity, T>> {
  if (!isMapping(section))
    throw fail(name, `must be a mapping from category (${list(CATEGORIES)}) to severities`);
  for (const category of Object.keys(section)) {
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      throw fail(`${name}.${category}`, `unknown category; allowed: ${list(CATEGORIES)}`);
    }
  }
  const what = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  const table = {} as Record<Category, Record<Severity, T>>;
  for (const category of CATEGORIES) {
    const entries = section[category];
    const where = `${name}.${category}`;
    if (entries === undefined) {
      throw fail(
        where,
        `missing; give ${what} per severity (${list(SEVERITIES)}) or a "${FALLBACK}" fallback`,
      );
    }
    if (!isMapping(entries))
      throw fail(where, `must be a mapping from severity (${list(SEVERITIES)} or "${FALLBACK}") to ${what}`);
    const parsed = new Map<string, T>();
    for (const [severity, entry] of Object.entries(entries)) {
      if (severity !== FALLBACK && !(SEVERITIES as readonly string[]).includes(severity)) {
        throw fail(
          `${where}.${severity}`,
          `unknown severity; allowed: ${list(SEVERITIES)} or "${FALLBACK}" for the rest`,
        );
      }
      parsed.set(severity, read(entry, `${where}.${severity}`));
    }
    table[category] = {} as Record<Severity, T>;
    for (const severity of SEVERITIES) {
      const value = parsed.get(severity) ?? parsed.get(FALLBACK);
      if (value === undefined) {
        throw fail(
          `${where}.${severity}`,
          `missing: no ${noun} for ${category} × ${severity} and no "${FALLBACK}" fallback in ${where}`,
        );
      }
      table[category][severity] = value;
    }
  }
  return table;
}
