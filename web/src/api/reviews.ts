import { get } from './http';
import type { Page, Review } from './types';

/** A review's id, whichever name the engine gives it. */
export const reviewIdOf = (review: Review): string => review.reviewId ?? review.id ?? '';

export async function listReviews(signal?: AbortSignal): Promise<Review[]> {
  const answer = await get<Review[] | Page<Review>>('/reviews', {}, signal);
  return Array.isArray(answer) ? answer : answer.items;
}

export const getReview = (id: string, minPosition: number | undefined, signal?: AbortSignal) =>
  get<Review>(`/reviews/${encodeURIComponent(id)}`, { minPosition }, signal);

export const reviewFiles = (id: string) => {
  const base = `/reviews/${encodeURIComponent(id)}`;
  return { xlsx: `${base}/export.xlsx`, csv: `${base}/export.csv`, print: `${base}/print` };
};
