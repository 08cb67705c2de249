import type { CrawledReview } from '../../schemas/types/crawled-review.ts';
import type { Rule } from '../validate-records.ts';

/** Business rules of a crawled review that its schema cannot express. */
export const reviewRules: Readonly<Record<string, Rule<CrawledReview>>> = {
  // Reviews carry whole stars, 1 to 5.
  'rating-range': (r) => (Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5 ? undefined : `rating ${r.rating} is not a whole number of stars from 1 to 5`),
  'asin-present': (r) => (r.asin.trim() === '' ? 'asin is empty' : undefined),
  // The review id is what deduplication and the per-day KPIs count by.
  'review-id-present': (r) => (r.review_id.trim() === '' ? 'review_id is empty' : undefined),
};
