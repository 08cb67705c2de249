import { useMemo } from 'preact/hooks';
import { Chart, type ChartLine } from '../components/chart.tsx';
import { DashboardFrame, lastSnapshot } from '../components/dashboard-frame.tsx';
import { viewQuery } from '../components/dashboard-filters.tsx';
import { EmptyPanel } from '../components/state-panels.tsx';
import { WindowClockNote, WindowMark } from '../components/window-mark.tsx';
import { linesOver } from '../dashboard/lines-over.ts';
import type { PriceBucket, ProductsSnapshot } from '../dashboard/products-types.ts';
import { useDashboardStream } from '../dashboard/use-dashboard-stream.ts';
import type { Route } from '../route.ts';
import { count, money, utc } from '../sales/sales-format.ts';
import '../dashboard/dashboard.css';

const FILTERS = ['category', 'currency'] as const;

/** Prices of the catalog's listings: average and quantiles per category, the 1-2-5 price distribution, products per category; pushed live. */
export function ProductsPage({ route }: { route: Route }) {
  const products = useDashboardStream<ProductsSnapshot>('products', viewQuery(route, FILTERS));
  const choices = lastSnapshot(products)?.choices;
  return (
    <DashboardFrame
      title="Products"
      route={route}
      defaultLast="24h"
      choices={[
        { name: 'category', label: 'Category', values: choices?.categories ?? [] },
        { name: 'currency', label: 'Currency', values: choices?.currencies ?? [] },
      ]}
      stream={products}
      what="products"
      ready={(snapshot) => <ProductsBody snapshot={snapshot} />}
    />
  );
}

const price = (minor: number | null | undefined, currency: string): string => (minor === null || minor === undefined ? '–' : money(Math.round(minor), currency));

function ProductsBody({ snapshot }: { snapshot: ProductsSnapshot }) {
  const distribution = useMemo(() => priceBuckets(snapshot), [snapshot]);
  const categories = useMemo(() => ({ names: snapshot.categories.map((c) => c.category), lines: [{ label: 'products', values: snapshot.categories.map((c) => c.products) }] }), [snapshot]);
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, listings by the hour of their event time`;
  if (snapshot.summary.length === 0) return <EmptyPanel>No listings in {span} for these filters. The page updates by itself when some arrive.</EmptyPanel>;
  return (
    <>
      <p class="footnote">{span}</p>
      <h2>Average price per category</h2>
      <table class="figures" data-testid="price-summary" data-panel="price-summary">
        <thead>
          <tr>
            <th>Category</th><th>Currency</th><th>Hours</th><th class="num">Products</th><th class="num">Priced listings</th><th class="num">Average</th>
            {snapshot.quantileLevels.map((q) => <th class="num" key={q}>p{Math.round(q * 100)}</th>)}
          </tr>
        </thead>
        <tbody>
          {snapshot.summary.map((r) => (
            <tr key={`${r.category}|${r.currency}`} data-testid={`summary-${r.category}-${r.currency}`}>
              <td>{r.category}</td><td>{r.currency}</td><td><WindowMark marks={r.marks} /></td>
              <td class="num" data-testid="products">{count(r.products)}</td>
              <td class="num" data-testid="priced">{count(r.pricedListings)}</td>
              <td class="num" data-testid="average">{price(r.averagePriceMinor, r.currency)}</td>
              {snapshot.quantileLevels.map((q, i) => <td class="num" key={q} data-testid={`p${Math.round(q * 100)}`}>{price(r.quantilesMinor[i], r.currency)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote" data-testid="window-summary">hour windows · <WindowClockNote clock={snapshot.clock} /></p>
      <div class="dash-grid">
        {/* Bars of several categories would overlap at each bucket: lines then. */}
        <Chart title="Products per price range" xs={distribution.xs} lines={distribution.lines} categories={distribution.labels} bars={distribution.lines.length === 1} testId="price-distribution" />
        <Chart title="Products per category" xs={categories.names.map((_, i) => i)} lines={categories.lines} categories={categories.names} bars testId="category-distribution" />
      </div>
    </>
  );
}

/** One bar series per category (and currency, when several) over the 1-2-5 price buckets present. */
function priceBuckets(snapshot: ProductsSnapshot): { xs: number[]; labels: string[]; lines: ChartLine[] } {
  const currencies = new Set(snapshot.buckets.map((b) => b.currency));
  const [only] = currencies;
  const label = (b: PriceBucket) => (currencies.size > 1 ? `${b.category} (${b.currency})` : b.category);
  const { xs, lines } = linesOver(snapshot.buckets.map((b) => ({ x: b.bucketMinor, label: label(b), value: b.products })));
  return {
    xs: xs.map((_, i) => i),
    labels: xs.map((b) => (currencies.size === 1 && only !== undefined ? `≥ ${money(b, only)}` : `≥ ${b}`)),
    lines,
  };
}
