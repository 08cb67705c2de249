import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { asinEstimatedRevenue, asinPriceHistory, asinRankHistory, asinRatingHistory, asinReviewsPerDay } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { equalities } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import type { WindowMarks } from '../web/src/dashboard/dashboard-types.ts';
import type { AsinSnapshot } from '../web/src/dashboard/asin-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import { foldMarks, readWindows, windowMarks, type WindowReading } from './window-marks.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

/** The observations' windows are kept per marketplace and currency, the product pages' per marketplace. */
const observed = (reading: WindowReading) => (r: { bucketStartMs: number; marketplace: string; currency: string }): WindowMarks => windowMarks(reading, r.bucketStartMs, `${r.marketplace}|${r.currency}`);
const paged = (reading: WindowReading) => (r: { bucketStartMs: number; marketplace: string }): WindowMarks => windowMarks(reading, r.bucketStartMs, r.marketplace);

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
  // The tiles and the price history are marked by their windows; the charts carry no marks (as on
  // the Sales page), nor do the reviews per day: they are counted by the day a review was written,
  // which a page crawled today shows for days long past, not by event time, so no window closes on them.
  async snapshot({ engine, graceMs }, view, nowMs): Promise<AsinSnapshot> {
    const range = view.range(nowMs);
    const { asin = '', ...filters } = view.filters;
    // Hours up to a week, days beyond.
    const bucket = range.toMs - range.fromMs <= WEEK_MS ? 'hour' : 'day';
    const bucketMs = bucket === 'hour' ? HOUR_MS : DAY_MS;
    const options = { asin, range, bucket, filters, limit: 10_000 } as const;
    const [prices, ranks, ratings, estimates, reviews, observations, pages] = await Promise.all([
      asinPriceHistory(engine, options),
      asinRankHistory(engine, options),
      asinRatingHistory(engine, options),
      asinEstimatedRevenue(engine, options),
      asinReviewsPerDay(engine, { asin, range, limit: 10_000 }),
      readWindows(engine, EVENT_TABLES.enrichedObservations, "concat(marketplace, '|', currency)", range, bucketMs, graceMs, new TrustedSql(sql`asin = ${asin}${equalities(filters)}`)),
      readWindows(engine, EVENT_TABLES.productPages, 'marketplace', range, bucketMs, graceMs, new TrustedSql(sql`asin = ${asin}${equalities({ marketplace: filters.marketplace })}`)),
    ]);
    const [price, rating, estimate] = [prices.at(-1), ratings.at(-1), estimates.at(-1)];
    const marks = {
      ...(price === undefined ? {} : { lastPrice: observed(observations)(price) }),
      ...(ranks.length === 0 ? {} : { bestRank: foldMarks(ranks.map(observed(observations))) }),
      ...(rating === undefined ? {} : { rating: paged(pages)(rating), reviewVelocity: foldMarks(ratings.map(paged(pages))) }),
      ...(estimate === undefined ? {} : { estimatedRevenue: observed(observations)(estimate) }),
    };
    return {
      asin,
      range,
      bucket,
      prices: prices.map((p) => ({ ...p, marks: observed(observations)(p) })),
      ranks,
      ratings,
      estimates,
      reviews,
      marks,
      clocks: { observations: observations.clock, pages: pages.clock },
    };
  },
};
