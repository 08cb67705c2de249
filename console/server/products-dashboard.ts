import { categoryDistribution, PRICE_QUANTILE_LEVELS, priceDistribution, priceSummary } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { ProductsSnapshot } from '../web/src/dashboard/products-types.ts';
import type { Dashboard } from './dashboard-routes.ts';

/** The Products page: price distribution and quantiles, average price and products per category, from the catalog listings. */
export const productsDashboard: Dashboard<'category' | 'currency'> = {
  name: 'products',
  page: 'Products',
  route: 'products',
  filters: ['category', 'currency'],
  defaultLast: '24h',
  panels: [
    { id: 'price-summary', title: 'Average price per category', queries: [priceSummary] },
    { id: 'price-distribution', title: 'Products per price range', queries: [priceDistribution] },
    { id: 'category-distribution', title: 'Products per category', queries: [categoryDistribution] },
  ],
  async snapshot({ engine }, view, nowMs): Promise<ProductsSnapshot> {
    const range = view.range(nowMs);
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
