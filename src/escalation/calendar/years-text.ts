/** Years in order as runs, for messages: [2004, …, 2026, 2028] → "2004–2026, 2028". */
export function yearsText(years: readonly number[]): string {
  return yearRuns(years)
    .map(({ first, last }) => (first === last ? `${first}` : `${first}–${last}`))
    .join(', ');
}

/** Consecutive years grouped: [2004, 2005, 2007] → [{ 2004, 2005 }, { 2007, 2007 }]. */
export function yearRuns(years: readonly number[]): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && year === run.last + 1) run.last = year;
    else if (!run || year > run.last) runs.push({ first: year, last: year });
  }
  return runs;
}
