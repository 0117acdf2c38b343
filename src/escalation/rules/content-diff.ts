/** How many changes a summary lists before it says how many more there are. */
const MAX_LINES = 30;

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * What changed from one version's content to the next, one line per changed entry, by path:
 * `rules.petition-complaint.*.ladder.2: 2d → 1d`, `years.2027: added`, `extensions: removed`.
 * Lists are compared whole (a year's holidays are one entry). The first version reads
 * `first version`. Pure, for the decider.
 */
export function contentDiff(before: unknown, after: unknown): string[] {
  if (before === undefined) return ['first version'];
  const lines: string[] = [];
  walk(before, after, '', lines);
  if (lines.length > MAX_LINES) {
    const more = lines.length - MAX_LINES;
    return [...lines.slice(0, MAX_LINES), `… and ${more} more`];
  }
  return lines.length > 0 ? lines : ['no entry changed'];
}

function walk(before: unknown, after: unknown, where: string, lines: string[]): void {
  const isMap = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isMap(before) && isMap(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const path = where ? `${where}.${key}` : key;
      if (!(key in before)) lines.push(`${path}: added`);
      else if (!(key in after)) lines.push(`${path}: removed`);
      else walk(before[key], after[key], path, lines);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const both = `${show(before)} → ${show(after)}`;
    lines.push(`${where || '(whole)'}: ${both.length > 160 ? 'changed' : both}`);
  }
}
