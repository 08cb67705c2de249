import { asinRatingHistory, topMovers } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { MoversSnapshot } from '../web/src/dashboard/movers-types.ts';
import type { Dashboard } from './dashboard-routes.ts';

const PER_HOUR = 5;
/** The rating trends drawn: those of this many of the biggest movers. */
const RATED = 8;

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
  async snapshot({ engine }, view, nowMs): Promise<MoversSnapshot> {
    const range = view.range(nowMs);
    const options = { range, perHour: PER_HOUR, filters: view.filters, limit: 10_000 };
    const [byRank, byPrice] = await Promise.all([topMovers(engine, { ...options, by: 'rank' }), topMovers(engine, { ...options, by: 'price' })]);
    // The biggest by relative change, so ranks and prices compare.
    const relative = (m: { first: number; change: number }) => Math.abs(m.change) / Math.max(m.first, 1);
    const asins = [...new Set([...byRank, ...byPrice].sort((a, b) => relative(b) - relative(a)).map((m) => m.asin))].slice(0, RATED).sort();
    const ratings = await Promise.all(asins.map(async (asin) => ({ asin, points: await asinRatingHistory(engine, { asin, range, bucket: 'hour', filters: view.filters, limit: 10_000 }) })));
    return { range, perHour: PER_HOUR, byRank: byRank.reverse(), byPrice: byPrice.reverse(), ratings };
  },
};
