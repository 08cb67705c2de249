import { useMemo } from 'preact/hooks';
import { Chart, type ChartLine } from '../components/chart.tsx';
import { DashboardFrame, lastSnapshot } from '../components/dashboard-frame.tsx';
import { viewQuery } from '../components/dashboard-filters.tsx';
import { EmptyPanel } from '../components/state-panels.tsx';
import { WindowClockNote, WindowMark } from '../components/window-mark.tsx';
import { useDashboardStream } from '../dashboard/use-dashboard-stream.ts';
import type { Route } from '../route.ts';
import { count, majorUnits, money, utc } from '../sales/sales-format.ts';
import type { SalesSnapshot } from '../sales/sales-types.ts';
import '../dashboard/dashboard.css';

const FILTERS = ['category', 'country', 'currency'] as const;
/** The corrected windows named; the rest counted. */
const SHOWN_CORRECTIONS = 6;

/** Revenue and orders per bucket by category, with totals marked by their windows' state, for the range and filters in the URL; pushed live. */
export function SalesPage({ route }: { route: Route }) {
  const sales = useDashboardStream<SalesSnapshot>('sales', viewQuery(route, FILTERS));
  const choices = lastSnapshot(sales)?.choices;
  return (
    <DashboardFrame
      title="Sales"
      route={route}
      defaultLast="1h"
      choices={[
        { name: 'category', label: 'Category', values: choices?.categories ?? [] },
        { name: 'country', label: 'Country', values: choices?.countries ?? [] },
        { name: 'currency', label: 'Currency', values: choices?.currencies ?? [] },
      ]}
      stream={sales}
      what="sales"
      ready={(snapshot) => <SalesBody snapshot={snapshot} />}
    />
  );
}

function SalesBody({ snapshot }: { snapshot: SalesSnapshot }) {
  const { xs, revenue, orders } = useMemo(() => chartData(snapshot), [snapshot]);
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, per ${snapshot.bucket}`;
  if (snapshot.totals.length === 0) {
    return <EmptyPanel>No orders in {span} for these filters. The page updates by itself when some arrive.</EmptyPanel>;
  }
  const { open, grace, final } = snapshot.windows;
  return (
    <>
      <p class="footnote" data-testid="sales-range">{span}</p>
      <div class="kpis">
        {snapshot.totals.map((t) => (
          <div class="kpi-row" key={t.currency} data-testid={`totals-${t.currency}`}>
            {[
              ['Revenue', `(${t.currency})`, 'revenue', money(t.revenueMinor, t.currency)],
              ['Orders', '', 'orders', count(t.orders)],
              ['Average order value', '', 'aov', money(Math.round(t.averageOrderValueMinor), t.currency)],
              ['Unique customers', '', 'customers', count(t.uniqueCustomers)],
            ].map(([label, unit, id, value]) => (
              <div class="kpi" key={id} data-panel={id}>
                <span class="label">{label} {unit} <WindowMark marks={t.marks} /></span>
                <span class="value" data-testid={id}>{value}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <p class="footnote" data-testid="window-summary">
        {snapshot.bucket} windows: {final} final, {grace} in grace, {open} open · <WindowClockNote clock={snapshot.clock} />
      </p>
      {snapshot.corrections.length === 0 ? null : (
        <p class="footnote corrections" data-testid="corrections">
          {snapshot.corrections.length} {snapshot.bucket} {snapshot.corrections.length === 1 ? 'window' : 'windows'} corrected by late records after {snapshot.corrections.length === 1 ? 'it was' : 'they were'} final:{' '}
          {snapshot.corrections.slice(0, SHOWN_CORRECTIONS).map((c) => `${utc(c.bucketStartMs)} (${c.currency})`).join(', ')}
          {snapshot.corrections.length > SHOWN_CORRECTIONS ? ` and ${snapshot.corrections.length - SHOWN_CORRECTIONS} more` : ''}
        </p>
      )}
      <Chart title={`Revenue per ${snapshot.bucket} by category`} xs={xs} lines={revenue} testId="revenue-chart" />
      <Chart title={`Orders per ${snapshot.bucket} by category`} xs={xs} lines={orders} testId="orders-chart" />
    </>
  );
}

const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** One line per category (and currency, when several are shown) over every bucket of the range: none sold is 0. */
function chartData(snapshot: SalesSnapshot): { xs: number[]; revenue: ChartLine[]; orders: ChartLine[] } {
  const step = BUCKET_MS[snapshot.bucket];
  const first = Math.floor(snapshot.range.fromMs / step) * step;
  const xs = Array.from({ length: Math.ceil((snapshot.range.toMs - first) / step) }, (_, i) => first + i * step);
  const index = new Map(xs.map((x, i) => [x, i]));
  const several = new Set(snapshot.points.map((p) => p.currency)).size > 1;
  const lines = new Map<string, { revenue: number[]; orders: number[] }>();
  for (const p of snapshot.points) {
    const label = several ? `${p.category} (${p.currency})` : p.category;
    const line = lines.get(label) ?? { revenue: xs.map(() => 0), orders: xs.map(() => 0) };
    lines.set(label, line);
    const i = index.get(p.bucketStartMs) ?? 0;
    line.revenue[i] = majorUnits(p.revenueMinor, p.currency);
    line.orders[i] = p.orders;
  }
  const sorted = [...lines.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    xs: xs.map((x) => x / 1000),
    revenue: sorted.map(([label, l]) => ({ label, values: l.revenue })),
    orders: sorted.map(([label, l]) => ({ label, values: l.orders })),
  };
}
