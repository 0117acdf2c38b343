import type { StoredEvent } from '../event-store/event-store';
import {
  publishedFormula,
  type PublishedFormula,
  type PerformanceRow,
} from '../groups/performance/performance-answer';
import { toHistoryItem, type HistoryItem } from '../issues/history-item';
import type { Adjustment } from '../scoring/score-rows';
import type { ReviewEvent } from './domain/review-events';
import { evolveReview, initialReviewState, type AppealState } from './domain/review-state';

/** GET /reviews/:id: the review as it stands, and who did what when. */
export interface ReviewView {
  reviewId: string;
  period: string;
  title: string;
  status: 'draft' | 'published';
  /** The ranking: frozen at the draft, moved only by upheld appeals, fixed at publication. */
  rows: PerformanceRow[];
  formula: PublishedFormula;
  /** The log position and the time the rows were computed at. */
  position: number;
  asOf: string;
  appeals: AppealState[];
  adjustments: Adjustment[];
  draftedBy: string;
  draftedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  comment: string | null;
  /** Who did what when: each event of the review with its sender (role and district beside it). */
  history: Array<
    Pick<
      HistoryItem,
      'type' | 'actor' | 'actorRole' | 'actorDistrict' | 'occurredAt' | 'recordedAt' | 'position'
    >
  >;
  revision: number;
}

/** The review folded from its stream (its own source of truth: nothing else can change it). */
export function reviewView(events: StoredEvent[]): ReviewView | null {
  const state = events.reduce((s, e) => evolveReview(s, e as unknown as ReviewEvent), initialReviewState());
  if (state.status === 'none') return null;
  return {
    reviewId: state.reviewId,
    period: state.period,
    title: state.title,
    status: state.status,
    rows: state.rows,
    formula: publishedFormula(state.formula),
    position: state.position,
    asOf: state.asOf,
    appeals: state.appeals,
    adjustments: state.adjustments,
    draftedBy: state.draftedBy,
    draftedAt: state.draftedAt,
    publishedBy: state.published?.by ?? null,
    publishedAt: state.published?.at ?? null,
    comment: state.published?.comment ?? null,
    history: events.map(toHistoryItem).map((item) => ({
      type: item.type,
      actor: item.actor,
      actorRole: item.actorRole,
      actorDistrict: item.actorDistrict,
      occurredAt: item.occurredAt,
      recordedAt: item.recordedAt,
      position: item.position,
    })),
    revision: events[events.length - 1].revision,
  };
}
