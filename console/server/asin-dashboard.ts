import { asinEstimatedRevenue, asinPriceHistory, asinRankHistory, asinRatingHistory, asinReviewsPerDay } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { AsinSnapshot } from '../web/src/dashboard/asin-types.ts';
import type { Dashboard } from './dashboard-routes.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/** One ASIN's page: price and rank history, rating and review velocity, estimated revenue. */
export const asinDashboard: Dashboard<'asin' | 'marketplace' | 'currency'> = {
  name: 'asin',
  page: 'ASIN',
  filters: ['asin', 'marketplace', 'currency'],
  required: ['asin'],
  defaultLast: '7d',
  panels: [
    { id: 'last-price', title: 'Last price', queries: [asinPriceHistory] },
    { id: 'best-rank', title: 'Best rank', queries: [asinRankHistory] },
    { id: 'rating', title: 'Rating', queries: [asinRatingHistory] },
    { id: 'review-velocity', title: 'New reviews (page counts)', queries: [asinRatingHistory] },
    { id: 'estimated-revenue', title: 'Est. monthly revenue', queries: [asinEstimatedRevenue] },
    { id: 'price-chart', title: 'Price per hour (day)', queries: [asinPriceHistory] },
    { id: 'rank-chart', title: 'Sales rank per hour (day)', queries: [asinRankHistory] },
    { id: 'rating-chart', title: 'Rating per hour (day)', queries: [asinRatingHistory] },
    { id: 'velocity-chart', title: 'Review velocity per hour (day)', queries: [asinRatingHistory] },
    { id: 'revenue-chart', title: 'Estimated monthly revenue per hour (day)', queries: [asinEstimatedRevenue] },
    { id: 'price-history', title: 'Price history', queries: [asinPriceHistory] },
    { id: 'reviews-per-day', title: 'Reviews written per day', queries: [asinReviewsPerDay] },
  ],
  async snapshot({ engine }, view, nowMs): Promise<AsinSnapshot> {
    const range = view.range(nowMs);
    const { asin = '', ...filters } = view.filters;
    // Hours up to a week, days beyond.
    const bucket = range.toMs - range.fromMs <= WEEK_MS ? 'hour' : 'day';
    const options = { asin, range, bucket, filters, limit: 10_000 } as const;
    const [prices, ranks, ratings, estimates, reviews] = await Promise.all([
      asinPriceHistory(engine, options),
      asinRankHistory(engine, options),
      asinRatingHistory(engine, options),
      asinEstimatedRevenue(engine, options),
      asinReviewsPerDay(engine, { asin, range, limit: 10_000 }),
    ]);
    return { asin, range, bucket, prices, ranks, ratings, estimates, reviews };
  },
};
