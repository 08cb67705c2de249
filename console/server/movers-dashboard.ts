import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { asinRatingHistory, topMovers, type TopMoverRow } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { equalities } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import type { Mover, MoversSnapshot } from '../web/src/dashboard/movers-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import { readWindows, windowMarks, type WindowReading } from './window-marks.ts';

const PER_HOUR = 5;
/** The rating trends drawn: those of this many of the biggest movers. */
const RATED = 8;
const HOUR_MS = 3_600_000;

/** A mover marked by its hour's window of its ASIN and marketplace. */
const marked = (reading: WindowReading) => (m: TopMoverRow): Mover => ({ ...m, marks: windowMarks(reading, m.bucketStartMs, `${m.asin}|${m.marketplace}`) });

/** The Top movers page: each hour's biggest rank and price changes, and the rating trend of the biggest movers. */
export const moversDashboard: Dashboard<'marketplace'> = {
  name: 'movers',
  page: 'Top movers',
  route: 'movers',
  filters: ['marketplace'],
  defaultLast: '24h',
  panels: [
    { id: 'movers-rank', title: 'By sales rank', queries: [topMovers] },
    { id: 'movers-price', title: 'By price', queries: [topMovers] },
    { id: 'rating-trends', title: 'Rating of the biggest movers, per hour', queries: [topMovers, asinRatingHistory] },
  ],
  // The movers are marked by their hour; the rating trends are a chart, which carries no marks (as on the Sales page).
  async snapshot({ engine, graceMs }, view, nowMs): Promise<MoversSnapshot> {
    const range = view.range(nowMs);
    const options = { range, perHour: PER_HOUR, filters: view.filters, limit: 10_000 };
    const where = new TrustedSql(sql`1${equalities(view.filters)}`);
    const [byRank, byPrice, reading] = await Promise.all([
      topMovers(engine, { ...options, by: 'rank' }),
      topMovers(engine, { ...options, by: 'price' }),
      readWindows(engine, EVENT_TABLES.enrichedObservations, "concat(asin, '|', marketplace)", range, HOUR_MS, graceMs, where),
    ]);
    // The biggest by relative change, so ranks and prices compare.
    const relative = (m: { first: number; change: number }) => Math.abs(m.change) / Math.max(m.first, 1);
    const asins = [...new Set([...byRank, ...byPrice].sort((a, b) => relative(b) - relative(a)).map((m) => m.asin))].slice(0, RATED).sort();
    const ratings = await Promise.all(asins.map(async (asin) => ({ asin, points: await asinRatingHistory(engine, { asin, range, bucket: 'hour', filters: view.filters, limit: 10_000 }) })));
    return { range, perHour: PER_HOUR, byRank: byRank.map(marked(reading)).reverse(), byPrice: byPrice.map(marked(reading)).reverse(), ratings, clock: reading.clock };
  },
};
