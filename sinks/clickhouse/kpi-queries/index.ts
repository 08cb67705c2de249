export { type HourOrDay, type KpiQueryOptions, type TimeRange } from './kpi-query-options.ts';
export { kpiQuery, sourceTables, type KpiQuery } from './kpi-query.ts';
export {
  salesFilterValues,
  salesKpis,
  salesTotals,
  type SalesDimension,
  type SalesFilterValues,
  type SalesKpiOptions,
  type SalesKpiRow,
  type SalesTotalsRow,
} from './sales-kpis.ts';
export {
  categoryDistribution,
  latestListingHours,
  PRICE_QUANTILE_LEVELS,
  priceDistribution,
  priceSummary,
  type CatalogFilterOptions,
  type CategoryShareRow,
  type LatestListingHourRow,
  type PriceBucketRow,
  type PriceSummaryRow,
} from './price-kpis.ts';
export {
  asinEstimatedRevenue,
  asinPriceHistory,
  asinRankHistory,
  asinRatingHistory,
  asinReviewsPerDay,
  type AsinEstimateRow,
  type AsinPriceRow,
  type AsinQueryOptions,
  type AsinRankRow,
  type AsinRatingRow,
  type AsinReviewDayRow,
} from './asin-kpis.ts';
export { topMovers, type TopMoverOptions, type TopMoverRow } from './top-movers.ts';
export { crawlFrontierByHost, crawlOutcomesByHost, pagesPerHour, type HostCrawlRow, type HostFrontierRow, type PagesHourRow } from './crawl-health.ts';
