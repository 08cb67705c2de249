import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';
import { KPI_TABLES } from '../clickhouse-schema.ts';
import { kpiQuery } from './kpi-query.ts';
import { checkOptions, equalities, inRange, limitClause, type KpiQueryOptions } from './kpi-query-options.ts';

export interface CatalogFilterOptions extends KpiQueryOptions {
  readonly filters?: { readonly category?: string; readonly currency?: string };
}

/** The quantile levels migration 0004 keeps, in the order `quantiles` lists them. */
export const PRICE_QUANTILE_LEVELS = [0.25, 0.5, 0.75, 0.9, 0.99] as const;

export interface PriceSummaryRow {
  readonly category: string;
  readonly currency: string;
  /** Distinct ASINs listed, priced or not. */
  readonly products: number;
  readonly pricedListings: number;
  /** Null when no listing had a price. */
  readonly averagePriceMinor: number | null;
  /** Exact quantiles of the listed prices at PRICE_QUANTILE_LEVELS. */
  readonly quantilesMinor: readonly number[];
}

/** Average price and price quantiles per category and currency (listings whose event time is in the range). */
export const priceSummary = kpiQuery([KPI_TABLES.productPrices], async function priceSummary(engine: SqlEngine, options: CatalogFilterOptions): Promise<PriceSummaryRow[]> {
  checkOptions('priceSummary', options);
  const f = options.filters ?? {};
  const rows = await engine.rows<{ category: string; currency: string; products: number; priced: number; average: number | null; quantiles: number[] }>(sql`
    SELECT main_category AS category, currency,
      uniqExactMerge(products_state) AS products,
      countIfMerge(priced_listings_state) AS priced,
      if(priced = 0, NULL, sumIfMerge(price_sum_minor_state) / priced) AS average,
      quantilesExactIfMerge(${new TrustedSql(PRICE_QUANTILE_LEVELS.join(', '))})(price_quantiles_state) AS quantiles
    FROM ${new TrustedSql(KPI_TABLES.productPrices)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ main_category: f.category, currency: f.currency })}
    GROUP BY category, currency
    ORDER BY category, currency
    ${limitClause(options)}`);
  return rows.map((r) => ({
    category: r.category,
    currency: r.currency,
    products: r.products,
    pricedListings: r.priced,
    averagePriceMinor: r.average,
    quantilesMinor: r.priced === 0 ? [] : r.quantiles,
  }));
});

export interface PriceBucketRow {
  readonly category: string;
  readonly currency: string;
  /** The bucket's lower bound in minor units: 1-2-5 steps (100, 200, 500, 1000, ...), 0 for prices of 0. */
  readonly bucketMinor: number;
  /** Distinct ASINs priced within the bucket. */
  readonly products: number;
}

/** The price distribution per category and currency: products per 1-2-5 price bucket. */
export const priceDistribution = kpiQuery([KPI_TABLES.priceBuckets], async function priceDistribution(engine: SqlEngine, options: CatalogFilterOptions): Promise<PriceBucketRow[]> {
  checkOptions('priceDistribution', options);
  const f = options.filters ?? {};
  const rows = await engine.rows<{ category: string; currency: string; bucket_minor: number; products: number }>(sql`
    SELECT main_category AS category, currency, price_bucket_minor AS bucket_minor, uniqExactMerge(products_state) AS products
    FROM ${new TrustedSql(KPI_TABLES.priceBuckets)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ main_category: f.category, currency: f.currency })}
    GROUP BY category, currency, bucket_minor
    ORDER BY category, currency, bucket_minor
    ${limitClause(options)}`);
  return rows.map((r) => ({ category: r.category, currency: r.currency, bucketMinor: r.bucket_minor, products: r.products }));
});

export interface CategoryShareRow {
  readonly category: string;
  /** Distinct ASINs listed in the category. */
  readonly products: number;
}

/** The category distribution of products: distinct ASINs per category, most first. */
export const categoryDistribution = kpiQuery([KPI_TABLES.productPrices], async function categoryDistribution(engine: SqlEngine, options: CatalogFilterOptions): Promise<CategoryShareRow[]> {
  checkOptions('categoryDistribution', options);
  const f = options.filters ?? {};
  return engine.rows<CategoryShareRow>(sql`
    SELECT main_category AS category, uniqExactMerge(products_state) AS products
    FROM ${new TrustedSql(KPI_TABLES.productPrices)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ main_category: f.category, currency: f.currency })}
    GROUP BY category
    ORDER BY products DESC, category
    ${limitClause(options)}`);
});

export interface LatestListingHourRow {
  readonly category: string;
  readonly currency: string;
  /** The start of the latest hour with listings of the category and currency within the range. */
  readonly bucketStartMs: number;
}

/** Per category and currency, the latest hour with listings in the range: the least final window of its figures. */
export const latestListingHours = kpiQuery([KPI_TABLES.productPrices], async function latestListingHours(engine: SqlEngine, options: CatalogFilterOptions): Promise<LatestListingHourRow[]> {
  checkOptions('latestListingHours', options);
  const f = options.filters ?? {};
  const rows = await engine.rows<{ category: string; currency: string; bucket_start_s: number }>(sql`
    SELECT main_category AS category, currency, toUInt32(max(bucket_start)) AS bucket_start_s
    FROM ${new TrustedSql(KPI_TABLES.productPrices)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ main_category: f.category, currency: f.currency })}
    GROUP BY category, currency
    ORDER BY category, currency
    ${limitClause(options)}`);
  return rows.map((r) => ({ category: r.category, currency: r.currency, bucketStartMs: r.bucket_start_s * 1000 }));
});
