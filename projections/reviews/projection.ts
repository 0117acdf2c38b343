import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter, Page, ReadStore } from '../../src/ports/read-store';
import { asReviewEvent, evolveReviewSummary, type ReviewSummaryDoc } from './review-summary';

export const REVIEWS_COLLECTION = 'reviews';

/** The list of reviews, newest draft first, for GET /reviews. */
export const reviewsProjection: Projection = {
  name: 'reviews',
  collections: [{ name: REVIEWS_COLLECTION, indexes: ['period', 'status', 'draftedAt'] }],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const review = asReviewEvent(event);
    if (!review) return;
    const id = review.data.reviewId;
    const before = await docs.get<ReviewSummaryDoc>(REVIEWS_COLLECTION, id);
    const after = evolveReviewSummary(before, event);
    if (after && after !== before) await docs.put(REVIEWS_COLLECTION, id, after);
  },
};

export function listReviews(
  readStore: Pick<ReadStore, 'find'>,
  query: { period?: string; status?: string; limit?: number; cursor?: string | null },
): Promise<Page<ReviewSummaryDoc>> {
  return readStore.find<ReviewSummaryDoc>(REVIEWS_COLLECTION, {
    where: [
      ...(query.period ? [{ field: 'period', op: '=' as const, value: query.period }] : []),
      ...(query.status ? [{ field: 'status', op: '=' as const, value: query.status }] : []),
    ],
    orderBy: [{ field: 'draftedAt', direction: 'desc' }],
    limit: query.limit,
    cursor: query.cursor,
  });
}
