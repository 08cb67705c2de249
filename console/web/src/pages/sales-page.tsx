import { useMemo } from 'preact/hooks';
import { EmptyPanel, ErrorPanel, LoadingPanel } from '../components/state-panels.tsx';
import { setQuery, type Route } from '../route.ts';
import { count, majorUnits, money, utc } from '../sales/sales-format.ts';
import { LAST_RANGES, type SalesSnapshot } from '../sales/sales-types.ts';
import { TimeChart, type ChartLine } from '../sales/time-chart.tsx';
import { useSalesStream } from '../sales/use-sales-stream.ts';
import '../sales/sales.css';

const VIEW_KEYS = ['last', 'from', 'to', 'category', 'country', 'currency'] as const;

/** Revenue and orders per bucket by category, with totals, for the range and filters in the URL; pushed live. */
export function SalesPage({ route }: { route: Route }) {
  const query = new URLSearchParams(VIEW_KEYS.flatMap((k) => (route.query.get(k) === null ? [] : [[k, route.query.get(k) ?? '']]))).toString();
  const sales = useSalesStream(query);
  const last = sales.state === 'ready' ? sales.data : sales.state === 'failed' ? sales.last : undefined;
  return (
    <section>
      <h1>Sales</h1>
      <SalesFilters route={route} snapshot={last} />
      {sales.state === 'loading' ? <LoadingPanel what="sales" /> : null}
      {sales.state === 'failed' ? <ErrorPanel failure={sales.failure} /> : null}
      {sales.state === 'ready' ? <SalesBody snapshot={sales.data} /> : null}
    </section>
  );
}

function SalesFilters({ route, snapshot }: { route: Route; snapshot: SalesSnapshot | undefined }) {
  const fixed = route.query.get('from') !== null;
  const choice = (name: 'category' | 'country' | 'currency', label: string, values: readonly string[]) => {
    const current = route.query.get(name) ?? '';
    const options = current === '' || values.includes(current) ? values : [current, ...values];
    return (
      <label>
        {label}{' '}
        <select data-testid={`filter-${name}`} value={current} onChange={(e) => { setQuery(route, { [name]: e.currentTarget.value }); }}>
          <option value="">all</option>
          {options.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      </label>
    );
  };
  return (
    <div class="filters">
      <label>
        Range{' '}
        <select
          data-testid="filter-range"
          value={fixed ? 'fixed' : (route.query.get('last') ?? '1h')}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value !== 'fixed') setQuery(route, { last: value, from: '', to: '' });
          }}
        >
          {Object.keys(LAST_RANGES).map((k) => <option key={k} value={k}>last {k}</option>)}
          {fixed ? <option value="fixed">{`${route.query.get('from') ?? ''} → ${route.query.get('to') ?? ''}`}</option> : null}
        </select>
      </label>
      {choice('category', 'Category', snapshot?.choices.categories ?? [])}
      {choice('country', 'Country', snapshot?.choices.countries ?? [])}
      {choice('currency', 'Currency', snapshot?.choices.currencies ?? [])}
    </div>
  );
}

function SalesBody({ snapshot }: { snapshot: SalesSnapshot }) {
  const { xs, revenue, orders } = useMemo(() => chartData(snapshot), [snapshot]);
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, per ${snapshot.bucket}`;
  if (snapshot.totals.length === 0) {
    return <EmptyPanel>No orders in {span} for these filters. The page updates by itself when some arrive.</EmptyPanel>;
  }
  return (
    <>
      <p class="footnote" data-testid="sales-range">{span}</p>
      <div class="kpis">
        {snapshot.totals.map((t) => (
          <div class="kpi-row" key={t.currency} data-testid={`totals-${t.currency}`}>
            <div class="kpi"><span class="label">Revenue ({t.currency})</span><span class="value" data-testid="revenue">{money(t.revenueMinor, t.currency)}</span></div>
            <div class="kpi"><span class="label">Orders</span><span class="value" data-testid="orders">{count(t.orders)}</span></div>
            <div class="kpi"><span class="label">Average order value</span><span class="value" data-testid="aov">{money(Math.round(t.averageOrderValueMinor), t.currency)}</span></div>
            <div class="kpi"><span class="label">Unique customers</span><span class="value" data-testid="customers">{count(t.uniqueCustomers)}</span></div>
          </div>
        ))}
      </div>
      <TimeChart title={`Revenue per ${snapshot.bucket} by category`} xs={xs} lines={revenue} testId="revenue-chart" />
      <TimeChart title={`Orders per ${snapshot.bucket} by category`} xs={xs} lines={orders} testId="orders-chart" />
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
