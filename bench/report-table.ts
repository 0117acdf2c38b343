/** Plain-text table helpers for the report: a label column, then one column per store setup. */

export type Row = [label: string, ...cells: string[]];

export const n = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
export const ms = (value: number): string => `${n(value)} ms`;
export const lat = (l: { p50Ms: number; p99Ms: number }): string => `p50 ${ms(l.p50Ms)} / p99 ${ms(l.p99Ms)}`;
export const early = (stopped: boolean): string => (stopped ? ' (time limit)' : '');

/** A titled block; `columns` heads the cells (the label column has no head). */
export function table(title: string, columns: string[], rows: Row[]): string {
  const all: Row[] = [['', ...columns], ...rows];
  const widths = columns.map((_, i) => Math.max(...all.map((row) => (row[i + 1] ?? '').length)));
  const labelWidth = Math.max(...all.map(([label]) => label.length));
  const line = ([label, ...cells]: Row): string =>
    `  ${label.padEnd(labelWidth)}  ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  │  ')}`.trimEnd();
  return [`\n${title}`, ...all.map(line)].join('\n');
}

/** One cell per setup, '—' where a setup has nothing to show for this row. */
export function cells<T>(setups: readonly T[], cell: (setup: T) => string | undefined): string[] {
  return setups.map((s) => cell(s) ?? '—');
}
