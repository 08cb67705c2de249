import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { categoryDistribution, latestListingHours, PRICE_QUANTILE_LEVELS, priceDistribution, priceSummary } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { equalities } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import type { ProductsSnapshot } from '../web/src/dashboard/products-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import { rangeMarks, readWindows } from './window-marks.ts';

const HOUR_MS = 3_600_000;

/** The Products page: price distribution and quantiles, average price and products per category, from the catalog listings. */
export const productsDashboard: Dashboard<'category' | 'currency'> = {
  name: 'products',
  page: 'Products',
  route: 'products',
  filters: ['category', 'currency'],
  defaultLast: '24h',
  panels: [
    { id: 'price-summary', title: 'Average price per category', queries: [priceSummary, latestListingHours] },
    { id: 'price-distribution', title: 'Products per price range', queries: [priceDistribution] },
    { id: 'category-distribution', title: 'Products per category', queries: [categoryDistribution] },
  ],
  // Only the summary is marked: the distributions are counts of distinct products over every hour
  // of the range, drawn as charts, which carry no marks (as on the Sales page).
  async snapshot({ engine, graceMs }, view, nowMs): Promise<ProductsSnapshot> {
    const range = view.range(nowMs);
    const options = { range, filters: view.filters, limit: 10_000 };
    const where = new TrustedSql(sql`1${equalities({ main_category: view.filters.category, currency: view.filters.currency })}`);
    const [summary, latest, buckets, categories, all, reading] = await Promise.all([
      priceSummary(engine, options),
      latestListingHours(engine, options),
      priceDistribution(engine, options),
      categoryDistribution(engine, options),
      priceSummary(engine, { range, limit: 10_000 }),
      readWindows(engine, EVENT_TABLES.catalogProducts, "concat(main_category, '|', currency)", range, HOUR_MS, graceMs, where),
    ]);
    const latestHour = new Map(latest.map((r) => [`${r.category}|${r.currency}`, r.bucketStartMs]));
    const marked = summary.map((r) => {
      const key = `${r.category}|${r.currency}`;
      return { ...r, marks: rangeMarks(reading, latestHour.get(key) ?? range.fromMs, key) };
    });
    const choices = { categories: [...new Set(all.map((r) => r.category))].sort(), currencies: [...new Set(all.map((r) => r.currency))].sort() };
    return { range, quantileLevels: PRICE_QUANTILE_LEVELS, summary: marked, buckets, categories, choices, clock: reading.clock };
  },
};
