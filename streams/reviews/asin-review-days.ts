import type { CrawledReview } from '../../schemas/types/crawled-review.ts';
import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import { composite, count, max, min, sum } from '../aggregations/index.ts';
import type { StreamRecord } from '../stream-record.ts';
import type { WindowResult } from '../window-aggregate.ts';
import { windowAggregateRecord } from '../window-aggregate-record.ts';

const DAY_MS = 86_400_000;

/** The metric of the per-ASIN review windows: reviews written per day (the velocity) and their stars (the rating trend). */
export const ASIN_REVIEWS_METRIC = 'asin_reviews_per_day';

/** A review's event time for its day window: the day it was written (review_date, days since the epoch), not when it was crawled. */
export const reviewWrittenAt = (review: CrawledReview): number => review.review_date * DAY_MS;

/** How many reviews an ASIN got in a window and their stars, times 100 (RATING_X100) so the average keeps two decimals. */
export const asinReviewMeasures = composite<StreamRecord<CrawledReview>>()({
  reviews: { of: count() },
  stars: { of: sum(), value: (r) => r.value.rating * 100 },
  lowest: { of: min(), value: (r) => r.value.rating * 100 },
  highest: { of: max(), value: (r) => r.value.rating * 100 },
});

export type AsinReviewDay = ReturnType<typeof asinReviewMeasures.result>;

/** A review window as its output record, keyed by the ASIN. */
export function asinReviewAggregate(w: WindowResult<AsinReviewDay>): WindowAggregate {
  const m = w.result;
  return windowAggregateRecord(w, { metric: ASIN_REVIEWS_METRIC, unit: 'RATING_X100', currency: null, count: m.reviews, sum: m.stars, min: m.lowest ?? 0, max: m.highest ?? 0 });
}
