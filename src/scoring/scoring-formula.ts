/**
 * The published scoring formula (config/scoring.yaml, see `loadScoringFormula`): how each
 * row of the ranking turns into points, and how equal scores are ordered.
 */

/** The figures of a row a measure can score. */
export const SCORING_FIGURES = [
  'onTimeRate',
  'openOverdue',
  'escalations',
  'onSiteShare',
  'weeksOnTargetShare',
  'activities',
  'difficultiesResolved',
] as const;
export type ScoringFigure = (typeof SCORING_FIGURES)[number];

export type PointsRule =
  /** weight × the figure (0..1, capped); `whenNone` stands in when there is no figure. */
  | { rule: 'share'; whenNone: number }
  /** weight × (1 − figure / zeroAt), at least 0. */
  | { rule: 'penalty'; zeroAt: number }
  /** weight × figure / (target × weeks), at most the weight. */
  | { rule: 'per-week'; target: number };

export interface Measure {
  key: string;
  name: string;
  weight: number;
  figure: ScoringFigure;
  points: PointsRule;
  /** For `escalations`: the weight of each level. */
  levels?: { 1: number; 2: number; 3: number };
  /** For `activities`: the record kinds counted, and `practicesAdopted` / `practicesPromoted`. */
  kinds?: string[];
}

/** Row fields that break ties, in order. */
export const TIE_FIELDS = [
  'onTimeRate',
  'openOverdue',
  'onSiteDays',
  'closed',
  'difficultiesResolved',
] as const;
export type TieField = (typeof TIE_FIELDS)[number];
export type TieRule = { field: TieField; order: 'asc' | 'desc' };

export interface ScoringFormula {
  version: string;
  name: string;
  measures: Measure[];
  ties: TieRule[];
}

/** Injection token of the loaded formula. */
export const SCORING_FORMULA = Symbol('SCORING_FORMULA');

/** A formula file that cannot be used; the message names the file and the entry. */
export class ScoringFormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringFormulaError';
  }
}
