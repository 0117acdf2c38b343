import type { StoredEvent } from '../../src/event-store/event-store';
import { REVIEW_EVENT_TYPES, type ReviewEvent } from '../../src/reviews/domain/review-events';

/** One review in the list (collection `reviews`); the review itself is read from its stream. */
export type ReviewSummaryDoc = {
  id: string;
  period: string;
  title: string;
  status: 'draft' | 'published';
  draftedBy: string;
  draftedAt: string;
  appeals: number;
  openAppeals: number;
  publishedBy: string | null;
  publishedAt: string | null;
  position: number;
};

export function asReviewEvent(event: StoredEvent): ReviewEvent | null {
  return (REVIEW_EVENT_TYPES as readonly string[]).includes(event.type)
    ? ({ type: event.type, data: event.data } as ReviewEvent)
    : null;
}

/** The list entry after one more event of the review; redelivery leaves it as it is. */
export function evolveReviewSummary(
  doc: ReviewSummaryDoc | null,
  stored: StoredEvent,
): ReviewSummaryDoc | null {
  const event = asReviewEvent(stored);
  if (!event || (doc && stored.position <= doc.position)) return doc;
  if (event.type === 'ReviewDrafted') {
    if (doc) return doc;
    const d = event.data;
    return {
      id: d.reviewId,
      period: d.period,
      title: d.title,
      status: 'draft',
      draftedBy: d.draftedBy,
      draftedAt: d.occurredAt,
      appeals: 0,
      openAppeals: 0,
      publishedBy: null,
      publishedAt: null,
      position: stored.position,
    };
  }
  if (!doc) return doc;
  const next = { ...doc, position: stored.position };
  switch (event.type) {
    case 'AppealFiled':
      return { ...next, appeals: doc.appeals + 1, openAppeals: doc.openAppeals + 1 };
    case 'AppealDecided':
      return { ...next, openAppeals: doc.openAppeals - 1 };
    case 'ReviewPublished':
      return {
        ...next,
        status: 'published',
        publishedBy: event.data.publishedBy,
        publishedAt: event.data.occurredAt,
      };
    default: {
      const never: never = event;
      return never;
    }
  }
}
