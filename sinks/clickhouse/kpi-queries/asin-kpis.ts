import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';
import { KPI_TABLES } from '../clickhouse-schema.ts';
import { kpiQuery } from './kpi-query.ts';
import { bucketStart, checkOptions, equalities, inRange, limitClause, type HourOrDay, type KpiQueryOptions } from './kpi-query-options.ts';

export interface AsinQueryOptions extends KpiQueryOptions {
  readonly asin: string;
  readonly bucket: HourOrDay;
  readonly filters?: { readonly marketplace?: string; readonly currency?: string };
}

function checkAsinOptions(query: string, options: Omit<AsinQueryOptions, 'bucket'>): void {
  checkOptions(query, options, options.asin === '' ? [{ path: 'asin', message: 'expected an ASIN' }] : []);
}

/** Reads asin_observations_hour for one ASIN: `measures` per bucket, marketplace and currency. */
function observationsQuery(options: AsinQueryOptions, measures: string, having: string): string {
  const f = options.filters ?? {};
  return sql`
    SELECT ${bucketStart('bucket_start', options.bucket)} AS bucket_start_s, marketplace, currency, ${new TrustedSql(measures)}
    FROM ${new TrustedSql(KPI_TABLES.asinObservations)}
    WHERE asin = ${options.asin} AND ${inRange('bucket_start', options.range)}${equalities({ marketplace: f.marketplace, currency: f.currency })}
    GROUP BY bucket_start_s, marketplace, currency
    HAVING ${new TrustedSql(having)}
    ORDER BY bucket_start_s, marketplace, currency
    ${limitClause(options)}`;
}

interface BucketRow {
  bucket_start_s: number;
  marketplace: string;
  currency: string;
}

/** Where a row of asin_observations_hour sits: its bucket, marketplace and currency. */
const placeOf = (r: BucketRow): { bucketStartMs: number; marketplace: string; currency: string } => ({
  bucketStartMs: r.bucket_start_s * 1000,
  marketplace: r.marketplace,
  currency: r.currency,
});

export interface AsinPriceRow {
  readonly bucketStartMs: number;
  readonly marketplace: string;
  readonly currency: string;
  readonly observations: number;
  readonly firstMinor: number;
  readonly lastMinor: number;
  readonly lowestMinor: number;
  readonly highestMinor: number;
  readonly averageMinor: number;
}

/** Price history of one ASIN: first, last, lowest, highest and average observed price per bucket (buckets with a price). */
export const asinPriceHistory = kpiQuery([KPI_TABLES.asinObservations], async function asinPriceHistory(engine: SqlEngine, options: AsinQueryOptions): Promise<AsinPriceRow[]> {
  checkAsinOptions('asinPriceHistory', options);
  const rows = await engine.rows<BucketRow & { priced: number; first_minor: number; last_minor: number; lowest: number; highest: number; average: number }>(
    observationsQuery(
      options,
      `countIfMerge(price_count_state) AS priced,
       argMinIfMerge(price_first_minor_state) AS first_minor,
       argMaxIfMerge(price_last_minor_state) AS last_minor,
       minIfMerge(price_min_minor_state) AS lowest,
       maxIfMerge(price_max_minor_state) AS highest,
       sumIfMerge(price_sum_minor_state) / priced AS average`,
      'priced > 0',
    ),
  );
  return rows.map((r) => ({
    ...placeOf(r),
    observations: r.priced,
    firstMinor: r.first_minor,
    lastMinor: r.last_minor,
    lowestMinor: r.lowest,
    highestMinor: r.highest,
    averageMinor: r.average,
  }));
});

export interface AsinRankRow {
  readonly bucketStartMs: number;
  readonly marketplace: string;
  readonly currency: string;
  readonly firstRank: number;
  readonly lastRank: number;
  readonly bestRank: number;
  readonly worstRank: number;
}

/** Sales-rank history of one ASIN per bucket (buckets with a rank). */
export const asinRankHistory = kpiQuery([KPI_TABLES.asinObservations], async function asinRankHistory(engine: SqlEngine, options: AsinQueryOptions): Promise<AsinRankRow[]> {
  checkAsinOptions('asinRankHistory', options);
  const rows = await engine.rows<BucketRow & { first_rank: number; last_rank: number; best: number; worst: number }>(
    observationsQuery(
      options,
      `argMinIfMerge(rank_first_state) AS first_rank,
       argMaxIfMerge(rank_last_state) AS last_rank,
       minIfMerge(rank_best_state) AS best,
       maxIfMerge(rank_worst_state) AS worst`,
      // Ranks start at 1; a bucket without any reads 0 on both engines (the type's default).
      'worst > 0',
    ),
  );
  return rows.map((r) => ({
    ...placeOf(r),
    firstRank: r.first_rank,
    lastRank: r.last_rank,
    bestRank: r.best,
    worstRank: r.worst,
  }));
});

export interface AsinEstimateRow {
  readonly bucketStartMs: number;
  readonly marketplace: string;
  readonly currency: string;
  /** The last estimate of the bucket. */
  readonly estimatedMonthlyRevenueMinor: number;
  readonly estimatedMonthlyUnits: number;
}

/** Estimated monthly revenue and units of one ASIN, the last estimate of each bucket (buckets with one). */
export const asinEstimatedRevenue = kpiQuery([KPI_TABLES.asinObservations], async function asinEstimatedRevenue(engine: SqlEngine, options: AsinQueryOptions): Promise<AsinEstimateRow[]> {
  checkAsinOptions('asinEstimatedRevenue', options);
  const rows = await engine.rows<BucketRow & { revenue: number; units: number }>(
    observationsQuery(
      options,
      `argMaxIfMerge(estimated_revenue_last_minor_state) AS revenue,
       argMaxIfMerge(estimated_units_last_state) AS units`,
      // An estimate is positive; a bucket without any reads 0 on both engines.
      'revenue > 0 OR units > 0',
    ),
  );
  return rows.map((r) => ({
    ...placeOf(r),
    estimatedMonthlyRevenueMinor: r.revenue,
    estimatedMonthlyUnits: r.units,
  }));
});

export interface AsinRatingRow {
  readonly bucketStartMs: number;
  readonly marketplace: string;
  /** The rating the last page of the bucket showed. */
  readonly rating: number;
  readonly reviewCountFirst: number;
  readonly reviewCountLast: number;
  /** New reviews within the bucket, as the pages' review counts show: last - first. */
  readonly reviewVelocity: number;
}

/** Rating and review-count growth of one ASIN per bucket, from its crawled product pages. */
export const asinRatingHistory = kpiQuery([KPI_TABLES.asinPages], async function asinRatingHistory(engine: SqlEngine, options: AsinQueryOptions): Promise<AsinRatingRow[]> {
  checkAsinOptions('asinRatingHistory', options);
  const f = options.filters ?? {};
  const rows = await engine.rows<{ bucket_start_s: number; marketplace: string; rating: number; first_count: number; last_count: number }>(sql`
    SELECT ${bucketStart('bucket_start', options.bucket)} AS bucket_start_s, marketplace,
      argMaxIfMerge(rating_last_state) AS rating,
      argMinIfMerge(review_count_first_state) AS first_count,
      argMaxIfMerge(review_count_last_state) AS last_count
    FROM ${new TrustedSql(KPI_TABLES.asinPages)}
    WHERE asin = ${options.asin} AND ${inRange('bucket_start', options.range)}${equalities({ marketplace: f.marketplace })}
    GROUP BY bucket_start_s, marketplace
    ORDER BY bucket_start_s, marketplace
    ${limitClause(options)}`);
  return rows.map((r) => ({
    bucketStartMs: r.bucket_start_s * 1000,
    marketplace: r.marketplace,
    rating: r.rating,
    reviewCountFirst: r.first_count,
    reviewCountLast: r.last_count,
    reviewVelocity: r.last_count - r.first_count,
  }));
});

export interface AsinReviewDayRow {
  /** The reviews' date, `YYYY-MM-DD`. */
  readonly day: string;
  /** Distinct reviews written that day: the review velocity. */
  readonly reviews: number;
  /** Distinct reviews by stars, 1 to 5. */
  readonly byStars: readonly [number, number, number, number, number];
  readonly averageRating: number;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Reviews of one ASIN per day of writing (the range in whole UTC days), with their star distribution. */
export const asinReviewsPerDay = kpiQuery([KPI_TABLES.asinReviews], async function asinReviewsPerDay(engine: SqlEngine, options: Omit<AsinQueryOptions, 'bucket' | 'filters'>): Promise<AsinReviewDayRow[]> {
  checkAsinOptions('asinReviewsPerDay', options);
  const rows = await engine.rows<{ day: string; reviews: number; s1: number; s2: number; s3: number; s4: number; s5: number }>(sql`
    SELECT toString(review_date) AS day, uniqExactMerge(reviews_state) AS reviews,
      uniqExactIfMerge(stars_1_state) AS s1, uniqExactIfMerge(stars_2_state) AS s2, uniqExactIfMerge(stars_3_state) AS s3,
      uniqExactIfMerge(stars_4_state) AS s4, uniqExactIfMerge(stars_5_state) AS s5
    FROM ${new TrustedSql(KPI_TABLES.asinReviews)}
    WHERE asin = ${options.asin} AND review_date >= toDate(${isoDay(options.range.fromMs)}) AND review_date < toDate(${isoDay(options.range.toMs)})
    GROUP BY day
    ORDER BY day
    ${limitClause(options)}`);
  return rows.map((r) => ({
    day: r.day,
    reviews: r.reviews,
    byStars: [r.s1, r.s2, r.s3, r.s4, r.s5],
    averageRating: (r.s1 + 2 * r.s2 + 3 * r.s3 + 4 * r.s4 + 5 * r.s5) / r.reviews,
  }));
});
