import type { ShelfstreamConfig } from '../../config/index.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES, KPI_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { equalities, inRange } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import { salesKpis, type TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { WindowClock } from '../web/src/dashboard/dashboard-types.ts';
import type { SalesSnapshot, SalesTotals } from '../web/src/sales/sales-types.ts';
import type { Dashboard } from './dashboard-routes.ts';
import { bucketOf, type DashboardView } from './dashboard-view.ts';
import type { KpiReader } from './kpi-reader.ts';
import { lateCorrections, leastFinal, watermarkOf, windowState, type Correction } from './window-marks.ts';

type SalesFilter = 'category' | 'country' | 'currency';
type SalesView = DashboardView<SalesFilter>;
const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;

interface TotalsRow {
  currency: string;
  revenue_minor: number;
  orders: number;
  unique_customers: number;
}

/** The Sales page: revenue and orders per bucket by category, totals per currency, each marked with its windows' state. */
export function salesDashboard(reader: KpiReader, config: ShelfstreamConfig): Dashboard<SalesFilter> {
  const queries = new SalesQueries(reader.engine, config.console.windowGraceMs);
  return { name: 'sales', filters: ['category', 'country', 'currency'], defaultLast: '1h', tables: [EVENT_TABLES.enrichedOrders], snapshot: (view, nowMs) => queries.snapshot(view, nowMs) };
}

/** The Sales page's queries: the KPI module's per bucket, its own totals over the range, and the window marks. */
class SalesQueries {
  readonly #engine: SqlEngine;
  readonly #graceMs: number;

  constructor(engine: SqlEngine, graceMs: number) {
    this.#engine = engine;
    this.#graceMs = graceMs;
  }

  async snapshot(view: SalesView, nowMs: number): Promise<SalesSnapshot> {
    const range = view.range(nowMs);
    const bucket = bucketOf(range);
    const engine = this.#engine;
    const where = new TrustedSql(sql`1${equalities(view.filters)}`);
    const [rows, totals, choices, clock, corrections] = await Promise.all([
      salesKpis(engine, { bucket, range, filters: view.filters, groupBy: ['category'], limit: 100_000 }),
      this.#totals(range, view.filters),
      this.#choices(range),
      watermarkOf(engine, EVENT_TABLES.enrichedOrders, this.#graceMs),
      lateCorrections(engine, EVENT_TABLES.enrichedOrders, 'currency', range, BUCKET_MS[bucket], this.#graceMs, where),
    ]);
    const points = rows.map((r) => ({ bucketStartMs: r.bucketStartMs, category: r.category ?? '', currency: r.currency, revenueMinor: r.revenueMinor, orders: r.orders }));
    const windows = { open: 0, grace: 0, final: 0 };
    for (const start of new Set(points.map((p) => p.bucketStartMs))) windows[windowState(start + BUCKET_MS[bucket], clock)] += 1;
    return {
      range,
      bucket,
      points,
      totals: totals.map((t) => this.#marked(t, points, BUCKET_MS[bucket], clock, corrections)),
      choices,
      clock,
      windows,
      corrections: corrections.map((c) => ({ bucketStartMs: c.bucketStartMs, currency: c.key })),
    };
  }

  /** A currency's totals, final once each of its windows is; corrected when a late record changed one of them. */
  #marked(totals: Omit<SalesTotals, 'marks'>, points: SalesSnapshot['points'], bucketMs: number, clock: WindowClock, corrections: readonly Correction[]): SalesTotals {
    const states = points.filter((p) => p.currency === totals.currency).map((p) => windowState(p.bucketStartMs + bucketMs, clock));
    return { ...totals, marks: { state: leastFinal(states), corrected: corrections.some((c) => c.key === totals.currency) } };
  }

  async #totals(range: TimeRange, filters: SalesView['filters']): Promise<Omit<SalesTotals, 'marks'>[]> {
    const rows = await this.#engine.rows<TotalsRow>(sql`
      SELECT currency, sumMerge(revenue_minor_state) AS revenue_minor, countMerge(orders_state) AS orders, uniqExactMerge(customers_state) AS unique_customers
      FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
      WHERE ${inRange('bucket_start', range)}${equalities(filters)}
      GROUP BY currency ORDER BY revenue_minor DESC`);
    return rows.map((r) => ({
      currency: r.currency,
      revenueMinor: r.revenue_minor,
      orders: r.orders,
      averageOrderValueMinor: r.orders === 0 ? 0 : r.revenue_minor / r.orders,
      uniqueCustomers: r.unique_customers,
    }));
  }

  async #choices(range: TimeRange): Promise<SalesSnapshot['choices']> {
    const [row] = await this.#engine.rows<{ categories: string[]; countries: string[]; currencies: string[] }>(sql`
      SELECT arraySort(groupUniqArray(category)) AS categories, arraySort(groupUniqArray(country)) AS countries, arraySort(groupUniqArray(currency)) AS currencies
      FROM ${new TrustedSql(KPI_TABLES.salesMinute)}
      WHERE ${inRange('bucket_start', range)}`);
    return { categories: row?.categories ?? [], countries: row?.countries ?? [], currencies: row?.currencies ?? [] };
  }
}
