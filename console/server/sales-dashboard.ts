import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { equalities } from '../../sinks/clickhouse/kpi-queries/kpi-query-options.ts';
import { salesFilterValues, salesKpis, salesTotals } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { WindowClock } from '../web/src/dashboard/dashboard-types.ts';
import type { SalesSnapshot, SalesTotals } from '../web/src/sales/sales-types.ts';
import type { Dashboard, KpiContext } from './dashboard-routes.ts';
import { bucketOf, type DashboardView } from './dashboard-view.ts';
import { lateCorrections, leastFinal, watermarkOf, windowState, type Correction } from './window-marks.ts';

type SalesFilter = 'category' | 'country' | 'currency';
const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** The Sales page: revenue and orders per bucket by category, totals per currency, each marked with its windows' state. */
export const salesDashboard: Dashboard<SalesFilter> = {
  name: 'sales',
  page: 'Sales',
  route: 'sales',
  filters: ['category', 'country', 'currency'],
  defaultLast: '1h',
  panels: [
    { id: 'revenue', title: 'Revenue per currency', queries: [salesTotals] },
    { id: 'orders', title: 'Orders', queries: [salesTotals] },
    { id: 'aov', title: 'Average order value', queries: [salesTotals] },
    { id: 'customers', title: 'Unique customers', queries: [salesTotals] },
    { id: 'revenue-chart', title: 'Revenue per minute (hour) by category', queries: [salesKpis] },
    { id: 'orders-chart', title: 'Orders per minute (hour) by category', queries: [salesKpis] },
  ],
  snapshot: salesSnapshot,
};

async function salesSnapshot({ engine, graceMs }: KpiContext, view: DashboardView<SalesFilter>, nowMs: number): Promise<SalesSnapshot> {
  const range = view.range(nowMs);
  const bucket = bucketOf(range);
  const where = new TrustedSql(sql`1${equalities(view.filters)}`);
  const [rows, totals, [choices], clock, corrections] = await Promise.all([
    salesKpis(engine, { bucket, range, filters: view.filters, groupBy: ['category'], limit: 100_000 }),
    salesTotals(engine, { range, filters: view.filters }),
    salesFilterValues(engine, { range }),
    watermarkOf(engine, EVENT_TABLES.enrichedOrders, graceMs),
    lateCorrections(engine, EVENT_TABLES.enrichedOrders, 'currency', range, BUCKET_MS[bucket], graceMs, where),
  ]);
  const points = rows.map((r) => ({ bucketStartMs: r.bucketStartMs, category: r.category ?? '', currency: r.currency, revenueMinor: r.revenueMinor, orders: r.orders }));
  const windows = { open: 0, grace: 0, final: 0 };
  for (const start of new Set(points.map((p) => p.bucketStartMs))) windows[windowState(start + BUCKET_MS[bucket], clock)] += 1;
  return {
    range,
    bucket,
    points,
    totals: totals.map((t) => marked(t, points, BUCKET_MS[bucket], clock, corrections)),
    choices: choices ?? { categories: [], countries: [], currencies: [] },
    clock,
    windows,
    corrections: corrections.map((c) => ({ bucketStartMs: c.bucketStartMs, currency: c.key })),
  };
}

/** A currency's totals, final once each of its windows is; corrected when a late record changed one of them. */
function marked(totals: Omit<SalesTotals, 'marks'>, points: SalesSnapshot['points'], bucketMs: number, clock: WindowClock, corrections: readonly Correction[]): SalesTotals {
  const states = points.filter((p) => p.currency === totals.currency).map((p) => windowState(p.bucketStartMs + bucketMs, clock));
  return { ...totals, marks: { state: leastFinal(states), corrected: corrections.some((c) => c.key === totals.currency) } };
}
