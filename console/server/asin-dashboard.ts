import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { asinEstimatedRevenue, asinPriceHistory, asinRankHistory, asinRatingHistory, asinReviewsPerDay } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { AsinSnapshot } from '../web/src/dashboard/asin-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import type { KpiReader } from './kpi-reader.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/** One ASIN's page: price and rank history, rating and review velocity, estimated revenue. */
export function asinDashboard(reader: KpiReader): Dashboard<'asin' | 'marketplace' | 'currency'> {
  return {
    name: 'asin',
    filters: ['asin', 'marketplace', 'currency'],
    required: ['asin'],
    defaultLast: '7d',
    tables: [EVENT_TABLES.enrichedObservations, EVENT_TABLES.productPages, EVENT_TABLES.reviews],
    async snapshot(view, nowMs): Promise<AsinSnapshot> {
      const range = view.range(nowMs);
      const { asin = '', ...filters } = view.filters;
      // Hours up to a week, days beyond.
      const bucket = range.toMs - range.fromMs <= WEEK_MS ? 'hour' : 'day';
      const engine = reader.engine;
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
}
