export * from './review-summary';
export { listReviews, reviewsProjection, REVIEWS_COLLECTION } from './projection';
