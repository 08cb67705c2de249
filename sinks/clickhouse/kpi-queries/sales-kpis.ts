import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';
import { KPI_TABLES } from '../clickhouse-schema.ts';
import { kpiQuery } from './kpi-query.ts';
import { bucketStart, checkOptions, equalities, inRange, limitClause, type KpiQueryOptions } from './kpi-query-options.ts';

/** The dimensions sales KPIs may be split by besides currency (amounts never mix currencies). */
export type SalesDimension = 'category' | 'country' | 'payment_method';

export interface SalesKpiOptions extends KpiQueryOptions {
  /** Minute and hour buckets are read from their own tables; day buckets from the hour table. */
  readonly bucket: 'minute' | 'hour' | 'day';
  readonly filters?: { readonly category?: string; readonly country?: string; readonly currency?: string; readonly paymentMethod?: string };
  /** Split by these besides currency (default: all three); the others are summed over. */
  readonly groupBy?: readonly SalesDimension[];
}

export interface SalesKpiRow {
  readonly bucketStartMs: number;
  readonly currency: string;
  /** Null when not split by it. */
  readonly category: string | null;
  readonly country: string | null;
  readonly paymentMethod: string | null;
  readonly revenueMinor: number;
  readonly netRevenueMinor: number;
  readonly orders: number;
  readonly units: number;
  /** revenue / orders. */
  readonly averageOrderValueMinor: number;
  /** Distinct customers within the row's bucket and split, exactly. */
  readonly uniqueCustomers: number;
}

interface Row {
  bucket_start_s: number;
  currency: string;
  category?: string;
  country?: string;
  payment_method?: string;
  revenue_minor: number;
  net_revenue_minor: number;
  orders: number;
  units: number;
  average_order_value_minor: number;
  unique_customers: number;
}

const ALL_DIMENSIONS: readonly SalesDimension[] = ['category', 'country', 'payment_method'];

/** The sales KPIs per bucket: revenue, net revenue, orders, units, average order value, unique customers. */
export const salesKpis = kpiQuery([KPI_TABLES.salesMinute, KPI_TABLES.salesHour], async function salesKpis(engine: SqlEngine, options: SalesKpiOptions): Promise<SalesKpiRow[]> {
  const groupBy = ALL_DIMENSIONS.filter((d) => (options.groupBy ?? ALL_DIMENSIONS).includes(d));
  checkOptions('salesKpis', options);
  const table = new TrustedSql(options.bucket === 'minute' ? KPI_TABLES.salesMinute : KPI_TABLES.salesHour);
  const keys = new TrustedSql(['bucket_start_s', 'currency', ...groupBy].join(', '));
  const f = options.filters ?? {};
  const rows = await engine.rows<Row>(sql`
    SELECT ${bucketStart('bucket_start', options.bucket)} AS bucket_start_s, ${new TrustedSql(['currency', ...groupBy].join(', '))},
      sumMerge(revenue_minor_state) AS revenue_minor,
      sumMerge(net_revenue_minor_state) AS net_revenue_minor,
      countMerge(orders_state) AS orders,
      sumMerge(units_state) AS units,
      revenue_minor / orders AS average_order_value_minor,
      uniqExactMerge(customers_state) AS unique_customers
    FROM ${table}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ category: f.category, country: f.country, currency: f.currency, payment_method: f.paymentMethod })}
    GROUP BY ${keys}
    ORDER BY ${keys}
    ${limitClause(options)}`);
  return rows.map((r) => ({
    bucketStartMs: r.bucket_start_s * 1000,
    currency: r.currency,
    category: r.category ?? null,
    country: r.country ?? null,
    paymentMethod: r.payment_method ?? null,
    revenueMinor: r.revenue_minor,
    netRevenueMinor: r.net_revenue_minor,
    orders: r.orders,
    units: r.units,
    averageOrderValueMinor: r.average_order_value_minor,
    uniqueCustomers: r.unique_customers,
  }));
});

export interface SalesTotalsRow {
  readonly currency: string;
  readonly revenueMinor: number;
  readonly orders: number;
  /** revenue / orders, 0 without orders. */
  readonly averageOrderValueMinor: number;
  /** Distinct customers over the whole range, exactly. */
  readonly uniqueCustomers: number;
}

/** The sales KPIs over the whole range per currency, most revenue first. */
export const salesTotals = kpiQuery([KPI_TABLES.salesMinute], async function salesTotals(engine: SqlEngine, options: Omit<SalesKpiOptions, 'bucket' | 'groupBy'>): Promise<SalesTotalsRow[]> {
  checkOptions('salesTotals', options);
  const f = options.filters ?? {};
  const rows = await engine.rows<{ currency: string; revenue_minor: number; orders: number; unique_customers: number }>(sql`
    SELECT currency, sumMerge(revenue_minor_state) AS revenue_minor, countMerge(orders_state) AS orders, uniqExactMerge(customers_state) AS unique_customers
    FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
    WHERE ${inRange('bucket_start', options.range)}${equalities({ category: f.category, country: f.country, currency: f.currency, payment_method: f.paymentMethod })}
    GROUP BY currency
    ORDER BY revenue_minor DESC, currency
    ${limitClause(options)}`);
  return rows.map((r) => ({
    currency: r.currency,
    revenueMinor: r.revenue_minor,
    orders: r.orders,
    averageOrderValueMinor: r.orders === 0 ? 0 : r.revenue_minor / r.orders,
    uniqueCustomers: r.unique_customers,
  }));
});

export interface SalesFilterValues {
  readonly categories: readonly string[];
  readonly countries: readonly string[];
  readonly currencies: readonly string[];
}

/** The categories, countries and currencies sold within the range, sorted: what the sales filters may take. */
export const salesFilterValues = kpiQuery([KPI_TABLES.salesMinute], async function salesFilterValues(engine: SqlEngine, options: KpiQueryOptions): Promise<SalesFilterValues[]> {
  checkOptions('salesFilterValues', options);
  return engine.rows<SalesFilterValues>(sql`
    SELECT arraySort(groupUniqArray(category)) AS categories, arraySort(groupUniqArray(country)) AS countries, arraySort(groupUniqArray(currency)) AS currencies
    FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
    WHERE ${inRange('bucket_start', options.range)}`);
});
