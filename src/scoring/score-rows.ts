import type { GroupPerformanceFigures } from '../../projections/group-performance/queries';
import type { Measure, ScoringFormula, TieRule } from './scoring-formula';

/** A row with its points: per measure (scoreParts), their sum (score) and its rank. */
export type Scored<R> = R & { score: number; scoreParts: Record<string, number>; rank: number };

/** A change of points to one measure of one group, from an upheld appeal. */
export type Adjustment = { district: string; measure: string; delta: number };

const round2 = (n: number): number => Math.round(n * 100) / 100;
const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, n));

/** The figure a measure scores, from a row; null when the row has none. */
function figure(row: GroupPerformanceFigures, measure: Measure): number | null {
  switch (measure.figure) {
    case 'onTimeRate':
    case 'onSiteShare':
    case 'weeksOnTargetShare':
      return row[measure.figure];
    case 'openOverdue':
    case 'difficultiesResolved':
      return row[measure.figure];
    case 'escalations': {
      const levels = measure.levels ?? { 1: 1, 2: 1, 3: 1 };
      const e = row.escalations;
      return e.level1 * levels[1] + e.level2 * levels[2] + e.level3 * levels[3];
    }
    case 'activities':
      return (measure.kinds ?? []).reduce((sum, kind) => {
        if (kind === 'practicesAdopted' || kind === 'practicesPromoted') return sum + row[kind];
        return sum + (row.activities[kind as keyof typeof row.activities] ?? 0);
      }, 0);
    default: {
      const never: never = measure.figure;
      return never;
    }
  }
}

/** The points of one measure, from 0 to its weight, to 0.01. */
export function pointsOf(row: GroupPerformanceFigures, measure: Measure): number {
  const value = figure(row, measure);
  const { weight, points } = measure;
  switch (points.rule) {
    case 'share':
      return round2(weight * clamp(value ?? points.whenNone, 0, 1));
    case 'penalty':
      return round2(weight * clamp(1 - (value ?? 0) / points.zeroAt, 0, 1));
    case 'per-week': {
      const expected = (points.target * row.days) / 7;
      return round2(expected > 0 ? weight * clamp((value ?? 0) / expected, 0, 1) : 0);
    }
    default: {
      const never: never = points;
      return never;
    }
  }
}

const sum = (parts: Record<string, number>) => round2(Object.values(parts).reduce((a, b) => a + b, 0));

/** Highest score first, then the formula's tie rules; 0 means equal in everything scored. */
function compareRows(
  a: Scored<GroupPerformanceFigures>,
  b: Scored<GroupPerformanceFigures>,
  ties: TieRule[],
) {
  if (a.score !== b.score) return b.score - a.score;
  for (const { field, order } of ties) {
    // A missing figure (nothing closed) ranks after any figure, whichever the order.
    const x = a[field];
    const y = b[field];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return order === 'desc' ? y - x : x - y;
  }
  return 0;
}

/** Sorts scored rows and gives equal rows one rank (1, 2, 2, 4); display order by district. */
function rank<R extends GroupPerformanceFigures>(
  rows: Array<Scored<R>>,
  formula: ScoringFormula,
): Array<Scored<R>> {
  const sorted = [...rows].sort(
    (a, b) => compareRows(a, b, formula.ties) || a.district.localeCompare(b.district),
  );
  const ranked: Array<Scored<R>> = [];
  sorted.forEach((row, i) => {
    const tied = i > 0 && compareRows(sorted[i - 1], row, formula.ties) === 0;
    ranked.push({ ...row, rank: tied ? ranked[i - 1].rank : i + 1 });
  });
  return ranked;
}

/** Scores every row by the formula and ranks them; rows come back in rank order. */
export function scoreRows<R extends GroupPerformanceFigures>(
  rows: R[],
  formula: ScoringFormula,
): Array<Scored<R>> {
  const scored = rows.map((row) => {
    const scoreParts = Object.fromEntries(formula.measures.map((m) => [m.key, pointsOf(row, m)]));
    return { ...row, score: sum(scoreParts), scoreParts, rank: 0 };
  });
  return rank(scored, formula);
}

/**
 * Frozen rows with appeal adjustments applied: each delta moves one measure's points (kept
 * between 0 and the measure's weight), the score is summed again and the rows ranked again.
 */
export function adjustRows<R extends GroupPerformanceFigures>(
  rows: Array<Scored<R>>,
  adjustments: Adjustment[],
  formula: ScoringFormula,
): Array<Scored<R>> {
  const weights = new Map(formula.measures.map((m) => [m.key, m.weight]));
  const adjusted = rows.map((row) => {
    const scoreParts = { ...row.scoreParts };
    for (const a of adjustments.filter((x) => x.district === row.district)) {
      scoreParts[a.measure] = round2(
        clamp((scoreParts[a.measure] ?? 0) + a.delta, 0, weights.get(a.measure) ?? 0),
      );
    }
    return { ...row, scoreParts, score: sum(scoreParts) };
  });
  return rank(adjusted, formula);
}
