import * as fs from 'node:fs';
import * as path from 'node:path';
import * as engine from '../../src/issues/domain/vocabulary';
import * as page from '../../web/src/api/vocabulary';
import { ACTIONS } from '../../web/src/auth/roles';
import { VOCABULARY_PREFIXES } from '../../web/src/i18n/labels';
import { COUNTERS, FILTER_KEYS } from '../../web/src/views/board/board-filters';

/**
 * Every string of the page has a word in each language: the two locale files hold the same
 * keys, every key the source names exists, and every value of every vocabulary has a label.
 * (A missing key would show as the key itself on the page.)
 */
const WEB_SRC = path.resolve(__dirname, '..', '..', 'web', 'src');
const LOCALES = ['zh-CN', 'en'] as const;
type Tree = { [key: string]: string | Tree };

const load = (language: string): Tree =>
  JSON.parse(fs.readFileSync(path.join(WEB_SRC, 'i18n', 'locales', `${language}.json`), 'utf8'));

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** i18next plural forms (`_one`, `_other`) count as their base key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : [];
  });
}

const keys = Object.fromEntries(LOCALES.map((l) => [l, flatten(load(l))])) as Record<
  (typeof LOCALES)[number],
  Map<string, string>
>;
const baseKeys = Object.fromEntries(
  LOCALES.map((l) => [l, new Set([...keys[l].keys()].map(base))]),
) as Record<(typeof LOCALES)[number], Set<string>>;
const namespaces = new Set([...keys['zh-CN'].keys()].map((k) => k.split('.')[0]));

describe('the page’s translations', () => {
  it('hold the same keys in Chinese and English, none of them empty', () => {
    const [zh, en] = [baseKeys['zh-CN'], baseKeys.en];
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    for (const language of LOCALES)
      expect([...keys[language]].filter(([, text]) => text.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('have every key the source names, in both languages', () => {
    // Any quoted string shaped like a key of one of the locale's namespaces, e.g. 'board.title'.
    const literal = /['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+)['"`]/g;
    const named = new Set<string>();
    for (const file of sourceFiles(WEB_SRC)) {
      for (const [, key] of fs.readFileSync(file, 'utf8').matchAll(literal)) {
        // Role-table actions ('issue.close') and file names share the shape; they are not keys.
        const action = (ACTIONS as readonly string[]).includes(key);
        if (namespaces.has(key.split('.')[0]) && !action && !/\.(json|css|tsx?)$/.test(key)) named.add(key);
      }
    }
    expect(named.size).toBeGreaterThan(250);
    for (const language of LOCALES)
      expect([...named].filter((k) => !baseKeys[language].has(k)).map((k) => `${language}: ${k}`)).toEqual(
        [],
      );
  });

  it('have a word for every value of every vocabulary the page shows', () => {
    const vocabularies: Record<keyof typeof VOCABULARY_PREFIXES, readonly (string | number)[]> = {
      district: page.DISTRICTS,
      category: page.CATEGORIES,
      severity: page.SEVERITIES,
      source: page.SOURCES,
      status: page.ISSUE_STATUSES,
      meetingKind: page.MEETING_KINDS,
      remediationStatus: page.REMEDIATION_STATUSES,
      light: page.LIGHTS,
      level: page.ESCALATION_LEVELS,
      trigger: page.ESCALATION_TRIGGERS,
      role: page.ROLES,
      activityKind: page.ACTIVITY_KINDS,
      practiceDirection: page.PRACTICE_DIRECTIONS,
      reviewStatus: page.REVIEW_STATUSES,
      eventType: page.ISSUE_EVENT_TYPES,
    };
    const families: string[] = [
      ...Object.entries(vocabularies).flatMap(([name, values]) =>
        values.map((v) => `${VOCABULARY_PREFIXES[name as keyof typeof VOCABULARY_PREFIXES]}.${v}`),
      ),
      ...COUNTERS.map((c) => `board.counter.${c.id}`),
      ...FILTER_KEYS.map((k) => `board.filter.${k}`),
      ...['nextDue', 'timeLeft', 'daysOver'].map((c) => `board.column.${c}`),
      ...['day', 'month', 'quarter', 'year'].map((k) => `period.kinds.${k}`),
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `period.${q}`),
      ...[
        'meeting',
        'assign',
        'escalate',
        'close',
        'reopen',
        'complete',
        'verify',
        'extend',
        'requestExtension',
        'approveExtension',
        'refuseExtension',
      ].flatMap((c) => [`commands.${c}.title`, `commands.${c}.submit`]),
      ...page.ISSUE_EVENT_TYPES.filter((t) => t !== 'IssueClosed').map((t) => `timeline.${t}`),
    ];
    for (const language of LOCALES)
      expect(families.filter((k) => !baseKeys[language].has(k)).map((k) => `${language}: ${k}`)).toEqual([]);
  });

  it('label every field of every form', () => {
    // Fields are declared as `{ name: '…', kind: '…' }` (or `person('…')`); each is labelled `fields.<name>`.
    const field = /name: '([a-zA-Z]+)',\s*kind:|person\('([a-zA-Z]+)'\)/g;
    const names = new Set<string>();
    for (const file of sourceFiles(WEB_SRC))
      for (const [, name, person] of fs.readFileSync(file, 'utf8').matchAll(field)) names.add(name ?? person);
    expect(names.size).toBeGreaterThan(30);
    for (const language of LOCALES)
      expect(
        [...names].filter((n) => !baseKeys[language].has(`fields.${n}`)).map((n) => `${language}: ${n}`),
      ).toEqual([]);
  });
});

describe('the page’s vocabularies', () => {
  it('are the engine’s own', () => {
    expect(page.DISTRICTS).toEqual(engine.DISTRICTS);
    expect(page.CATEGORIES).toEqual(engine.CATEGORIES);
    expect(page.SEVERITIES).toEqual(engine.SEVERITIES);
    expect(page.SOURCES).toEqual(engine.SOURCES);
    expect(page.MEETING_KINDS).toEqual(engine.MEETING_KINDS);
    expect(page.ISSUE_STATUSES).toEqual(engine.ISSUE_STATUSES);
    expect(page.REMEDIATION_STATUSES).toEqual(engine.REMEDIATION_STATUSES);
    expect(page.ESCALATION_LEVELS).toEqual(engine.ESCALATION_LEVELS);
    expect(page.ESCALATION_TRIGGERS).toEqual(engine.ESCALATION_TRIGGERS);
  });
});
