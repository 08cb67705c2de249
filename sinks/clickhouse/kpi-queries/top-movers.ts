import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';
import { KPI_TABLES } from '../clickhouse-schema.ts';
import { kpiQuery } from './kpi-query.ts';
import { checkOptions, equalities, inRange, limitClause, type KpiQueryOptions } from './kpi-query-options.ts';

export interface TopMoverOptions extends KpiQueryOptions {
  /** Rank changes or price changes. */
  readonly by: 'rank' | 'price';
  /** The most movers per hour. */
  readonly perHour: number;
  readonly filters?: { readonly marketplace?: string };
}

export interface TopMoverRow {
  readonly bucketStartMs: number;
  readonly asin: string;
  readonly marketplace: string;
  readonly currency: string;
  /** The first and last rank (or price, minor units) observed within the hour. */
  readonly first: number;
  readonly last: number;
  /** last - first: a negative rank change is a climb. */
  readonly change: number;
}

const STATES = {
  rank: { first: 'argMinIfMerge(rank_first_state)', last: 'argMaxIfMerge(rank_last_state)' },
  price: { first: 'argMinIfMerge(price_first_minor_state)', last: 'argMaxIfMerge(price_last_minor_state)' },
} as const;

/**
 * The biggest movers of each hour: the ASINs whose rank (or price) changed most between the first
 * and the last observation of the hour, largest change first, ties by ASIN; unchanged ones left out.
 */
export const topMovers = kpiQuery([KPI_TABLES.asinObservations], async function topMovers(engine: SqlEngine, options: TopMoverOptions): Promise<TopMoverRow[]> {
  checkOptions('topMovers', options, Number.isSafeInteger(options.perHour) && options.perHour >= 1 ? [] : [{ path: 'perHour', message: 'expected a positive integer' }]);
  const states = STATES[options.by];
  const rows = await engine.rows<{ bucket_start_s: number; asin: string; marketplace: string; currency: string; first_value: number; last_value: number; change: number }>(sql`
    SELECT toUInt32(bucket_start) AS bucket_start_s, asin, marketplace, currency,
      ${new TrustedSql(states.first)} AS first_value,
      ${new TrustedSql(states.last)} AS last_value,
      toInt64(last_value) - toInt64(first_value) AS change
    FROM ${new TrustedSql(KPI_TABLES.asinObservations)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ marketplace: options.filters?.marketplace })}
    GROUP BY bucket_start_s, asin, marketplace, currency
    HAVING change != 0
    ORDER BY bucket_start_s, abs(change) DESC, asin, marketplace, currency
    LIMIT ${options.perHour} BY bucket_start_s
    ${limitClause(options)}`);
  return rows.map((r) => ({
    bucketStartMs: r.bucket_start_s * 1000,
    asin: r.asin,
    marketplace: r.marketplace,
    currency: r.currency,
    first: r.first_value,
    last: r.last_value,
    change: r.change,
  }));
});
