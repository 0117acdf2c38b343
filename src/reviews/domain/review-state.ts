import type { Adjustment } from '../../scoring/score-rows';
import type { ScoringFormula } from '../../scoring/scoring-formula';
import type { PerformanceRow } from '../../groups/performance/performance-answer';
import type { AppealItem, ReviewEvent } from './review-events';

export type AppealState = {
  appealId: string;
  district: string;
  reason: string;
  items: AppealItem[];
  filedBy: string;
  filedAt: string;
  decision: {
    upheld: boolean;
    comment: string;
    adjustments: Adjustment[];
    decidedBy: string;
    decidedAt: string;
  } | null;
};

export type ReviewState =
  | { status: 'none' }
  | {
      status: 'draft' | 'published';
      reviewId: string;
      period: string;
      title: string;
      /** The ranking as it stands: frozen at the draft, moved only by upheld appeals. */
      rows: PerformanceRow[];
      /** The rows as first frozen, before any appeal. */
      draftRows: PerformanceRow[];
      formula: ScoringFormula;
      position: number;
      asOf: string;
      draftedBy: string;
      draftedAt: string;
      appeals: AppealState[];
      adjustments: Adjustment[];
      published: { by: string; at: string; comment: string | null } | null;
    };

export const initialReviewState = (): ReviewState => ({ status: 'none' });

/** Pure: the review after one more event of its stream. */
export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'ReviewDrafted') {
    const d = event.data;
    return {
      status: 'draft',
      reviewId: d.reviewId,
      period: d.period,
      title: d.title,
      rows: d.rows,
      draftRows: d.rows,
      formula: d.formula,
      position: d.position,
      asOf: d.asOf,
      draftedBy: d.draftedBy,
      draftedAt: d.occurredAt,
      appeals: [],
      adjustments: [],
      published: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AppealFiled': {
      const d = event.data;
      const appeal: AppealState = {
        appealId: d.appealId,
        district: d.district,
        reason: d.reason,
        items: d.items,
        filedBy: d.filedBy,
        filedAt: d.occurredAt,
        decision: null,
      };
      return { ...state, appeals: [...state.appeals, appeal] };
    }
    case 'AppealDecided': {
      const d = event.data;
      const decision = {
        upheld: d.upheld,
        comment: d.comment,
        adjustments: d.adjustments,
        decidedBy: d.decidedBy,
        decidedAt: d.occurredAt,
      };
      return {
        ...state,
        rows: d.rows,
        adjustments: [...state.adjustments, ...d.adjustments],
        appeals: state.appeals.map((a) => (a.appealId === d.appealId ? { ...a, decision } : a)),
      };
    }
    case 'ReviewPublished':
      return {
        ...state,
        status: 'published',
        rows: event.data.rows,
        published: { by: event.data.publishedBy, at: event.data.occurredAt, comment: event.data.comment },
      };
    default: {
      const never: never = event;
      return never;
    }
  }
}
