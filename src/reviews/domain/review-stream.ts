import type { StreamType } from '../../command-handling/decider';
import type { ReviewEvent } from './review-events';
import { evolveReview, initialReviewState, type ReviewState } from './review-state';

/** A review as the generic command path sees it; every event is at schema version 1. */
export const reviewStream: StreamType<ReviewEvent, ReviewState> = {
  initialState: initialReviewState,
  evolve: evolveReview,
  schemaVersionOf: () => 1,
};
