import type { District } from '../../issues/domain/vocabulary';
import type { Adjustment } from '../../scoring/score-rows';
import type { ScoringFormula } from '../../scoring/scoring-formula';
import type { PerformanceRow } from '../../groups/performance/performance-answer';

/**
 * A review's events (one stream per review): the draft freezes the ranking (rows, formula and
 * the log position they were computed at); appeals and their decisions follow while it is a
 * draft; publication closes it for good. Decisions and publication carry the rows as they
 * stand after them, so the published ranking is a fact of the log, not a recomputation.
 */
export type AppealItem = { issueId: string; claim: string };

export type ReviewDrafted = {
  type: 'ReviewDrafted';
  data: {
    reviewId: string;
    /** `2023-05`, `2023-Q2` or `2023`. */
    period: string;
    title: string;
    rows: PerformanceRow[];
    formula: ScoringFormula;
    /** The log position the rows were computed at, and the time they were computed for. */
    position: number;
    asOf: string;
    draftedBy: string;
    occurredAt: string;
  };
};

export type AppealFiled = {
  type: 'AppealFiled';
  data: {
    reviewId: string;
    appealId: string;
    district: District;
    reason: string;
    items: AppealItem[];
    filedBy: string;
    occurredAt: string;
  };
};

export type AppealDecided = {
  type: 'AppealDecided';
  data: {
    reviewId: string;
    appealId: string;
    upheld: boolean;
    comment: string;
    adjustments: Adjustment[];
    /** The ranking after this decision (unchanged when the appeal was not upheld). */
    rows: PerformanceRow[];
    decidedBy: string;
    occurredAt: string;
  };
};

export type ReviewPublished = {
  type: 'ReviewPublished';
  data: {
    reviewId: string;
    comment: string | null;
    /** The ranking as published. */
    rows: PerformanceRow[];
    publishedBy: string;
    occurredAt: string;
  };
};

export type ReviewEvent = ReviewDrafted | AppealFiled | AppealDecided | ReviewPublished;

export const REVIEW_EVENT_TYPES: readonly ReviewEvent['type'][] = [
  'ReviewDrafted',
  'AppealFiled',
  'AppealDecided',
  'ReviewPublished',
];

/** One stream per review. */
export const reviewStreamId = (reviewId: string): string => `review-${reviewId}`;
