import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { categoryDistribution, PRICE_QUANTILE_LEVELS, priceDistribution, priceSummary } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { ProductsSnapshot } from '../web/src/dashboard/products-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import type { KpiReader } from './kpi-reader.ts';

/** The Products page: price distribution and quantiles, average price and products per category, from the catalog listings. */
export function productsDashboard(reader: KpiReader): Dashboard<'category' | 'currency'> {
  return {
    name: 'products',
    filters: ['category', 'currency'],
    defaultLast: '24h',
    tables: [EVENT_TABLES.catalogProducts],
    async snapshot(view, nowMs): Promise<ProductsSnapshot> {
      const range = view.range(nowMs);
      const engine = reader.engine;
      const options = { range, filters: view.filters, limit: 10_000 };
      const [summary, buckets, categories, all] = await Promise.all([
        priceSummary(engine, options),
        priceDistribution(engine, options),
        categoryDistribution(engine, options),
        priceSummary(engine, { range, limit: 10_000 }),
      ]);
      const choices = { categories: [...new Set(all.map((r) => r.category))].sort(), currencies: [...new Set(all.map((r) => r.currency))].sort() };
      return { range, quantileLevels: PRICE_QUANTILE_LEVELS, summary, buckets, categories, choices };
    },
  };
}
