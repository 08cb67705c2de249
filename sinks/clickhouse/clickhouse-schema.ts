import { fileURLToPath } from 'node:url';
import { readMigrations, type Migration } from '../../infra/clickhouse/migration-files.ts';

/** The folder of the KPI schema's migrations (README.md there says what SQL they may use). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The KPI schema's migrations, in the order they apply. */
export function kpiMigrations(): Migration[] {
  return readMigrations(MIGRATIONS_FOLDER);
}

/** Tables of one row per Kafka record, by the topic they hold (migrations 0001, 0002, 0009, 0010). */
export const EVENT_TABLES = {
  orders: 'orders_raw',
  productPages: 'product_pages_raw',
  reviews: 'reviews_raw',
  marketplaceObservations: 'marketplace_observations_raw',
  catalogProducts: 'catalog_products_raw',
  enrichedOrders: 'orders_enriched',
  enrichedObservations: 'observations_enriched',
  windowAggregates: 'window_aggregates',
  crawlOutcomes: 'crawl_outcomes_raw',
  crawlRequests: 'crawl_requests_raw',
} as const;

/** AggregatingMergeTree tables, each fed by the materialized view of the same name + `_mv` (0003–0005). */
export const KPI_TABLES = {
  salesMinute: 'sales_kpis_minute',
  salesHour: 'sales_kpis_hour',
  productPrices: 'product_prices_hour',
  priceBuckets: 'price_buckets_hour',
  asinObservations: 'asin_observations_hour',
  asinPages: 'asin_pages_hour',
  asinReviews: 'asin_reviews_day',
} as const;
