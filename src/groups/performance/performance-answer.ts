import type { GroupPerformanceFigures } from '../../../projections/group-performance/queries';
import type { Scored } from '../../scoring/score-rows';
import type { ScoringFormula } from '../../scoring/scoring-formula';

/** One row of GET /groups/performance: a group's figures, points, score and rank. */
export type PerformanceRow = Scored<GroupPerformanceFigures> & {
  /** The work group's name, e.g. 驻思明区工作组. */
  group: string;
};

/** The formula as the answer publishes it: version and weights first, then every rule. */
export type PublishedFormula = ScoringFormula & { weights: Record<string, number> };

export const publishedFormula = (formula: ScoringFormula): PublishedFormula => ({
  version: formula.version,
  name: formula.name,
  weights: Object.fromEntries(formula.measures.map((m) => [m.key, m.weight])),
  measures: formula.measures,
  ties: formula.ties,
});

/** GET /groups/performance: `{ period, asOf, position, formula, rows }`, rows in rank order. */
export interface PerformanceAnswer {
  period: string;
  /** The time the ranking stands at: now, or the asOf asked for. */
  asOf: string;
  /** The log position the figures include (the projections' checkpoint, or the fold's). */
  position: number;
  formula: PublishedFormula;
  rows: PerformanceRow[];
}
