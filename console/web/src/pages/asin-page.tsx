import { useMemo } from 'preact/hooks';
import { Chart } from '../components/chart.tsx';
import { DashboardFrame, lastSnapshot } from '../components/dashboard-frame.tsx';
import { viewQuery } from '../components/dashboard-filters.tsx';
import { EmptyPanel } from '../components/state-panels.tsx';
import { WindowClockNote, WindowMark } from '../components/window-mark.tsx';
import type { WindowMarks } from '../dashboard/dashboard-types.ts';
import type { AsinSnapshot } from '../dashboard/asin-types.ts';
import { timeLines } from '../dashboard/lines-over.ts';
import { useDashboardStream } from '../dashboard/use-dashboard-stream.ts';
import type { Route } from '../route.ts';
import { count, majorUnits, money, utc } from '../sales/sales-format.ts';
import '../dashboard/dashboard.css';

const FILTERS = ['marketplace', 'currency'] as const;

/** One ASIN: price and rank history, rating and review velocity, estimated revenue; pushed live. */
export function AsinPage({ asin, route }: { asin: string; route: Route }) {
  const stream = useDashboardStream<AsinSnapshot>('asin', viewQuery(route, FILTERS, { asin }));
  const last = lastSnapshot(stream);
  const marketplaces = [...new Set([...(last?.prices ?? []), ...(last?.ranks ?? [])].map((p) => p.marketplace))].sort();
  const currencies = [...new Set((last?.prices ?? []).map((p) => p.currency))].sort();
  return (
    <DashboardFrame
      title={`ASIN ${asin}`}
      route={route}
      defaultLast="7d"
      choices={[
        { name: 'marketplace', label: 'Marketplace', values: marketplaces },
        { name: 'currency', label: 'Currency', values: currencies },
      ]}
      stream={stream}
      what={`ASIN ${asin}`}
      ready={(snapshot) => <AsinBody snapshot={snapshot} />}
    />
  );
}

const place = (p: { marketplace: string; currency?: string }): string => (p.currency === undefined ? p.marketplace : `${p.marketplace} ${p.currency}`);

function AsinBody({ snapshot }: { snapshot: AsinSnapshot }) {
  const charts = useMemo(
    () => ({
      price: timeLines(snapshot.prices.flatMap((p) => [
        { x: p.bucketStartMs, label: `average ${place(p)}`, value: majorUnits(p.averageMinor, p.currency) },
        { x: p.bucketStartMs, label: `lowest ${place(p)}`, value: majorUnits(p.lowestMinor, p.currency) },
      ])),
      rank: timeLines(snapshot.ranks.map((r) => ({ x: r.bucketStartMs, label: `best rank ${place(r)}`, value: r.bestRank }))),
      rating: timeLines(snapshot.ratings.map((r) => ({ x: r.bucketStartMs, label: `rating ${place(r)}`, value: r.rating }))),
      velocity: timeLines(snapshot.ratings.map((r) => ({ x: r.bucketStartMs, label: `new reviews ${place(r)}`, value: r.reviewVelocity }))),
      revenue: timeLines(snapshot.estimates.map((e) => ({ x: e.bucketStartMs, label: `est. monthly revenue ${place(e)}`, value: majorUnits(e.estimatedMonthlyRevenueMinor, e.currency) }))),
    }),
    [snapshot],
  );
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, per ${snapshot.bucket}`;
  const nothing = [snapshot.prices, snapshot.ranks, snapshot.ratings, snapshot.estimates, snapshot.reviews].every((rows) => rows.length === 0);
  if (nothing) return <EmptyPanel>Nothing observed of {snapshot.asin} in {span}. The page updates by itself when observations arrive.</EmptyPanel>;
  const price = snapshot.prices.at(-1);
  const rating = snapshot.ratings.at(-1);
  const estimate = snapshot.estimates.at(-1);
  const best = snapshot.ranks.length === 0 ? undefined : Math.min(...snapshot.ranks.map((r) => r.bestRank));
  const { marks } = snapshot;
  const tiles: [string, string, string, WindowMarks | undefined][] = [
    ['Last price', 'last-price', price === undefined ? '–' : money(price.lastMinor, price.currency), marks.lastPrice],
    ['Best rank', 'best-rank', best === undefined ? '–' : `#${count(best)}`, marks.bestRank],
    ['Rating', 'rating', rating === undefined ? '–' : rating.rating.toFixed(2), marks.rating],
    ['New reviews (page counts)', 'review-velocity', count(snapshot.ratings.reduce((n, r) => n + r.reviewVelocity, 0)), marks.reviewVelocity],
    ['Est. monthly revenue', 'estimated-revenue', estimate === undefined ? '–' : money(estimate.estimatedMonthlyRevenueMinor, estimate.currency), marks.estimatedRevenue],
  ];
  return (
    <>
      <p class="footnote">{span}</p>
      <div class="kpis">
        <div class="kpi-row asin-kpis">
          {tiles.map(([label, id, value, mark]) => (
            <div class="kpi" key={id} data-panel={id}>
              <span class="label">{label} {mark === undefined ? null : <WindowMark marks={mark} />}</span>
              <span class="value" data-testid={id}>{value}</span>
            </div>
          ))}
        </div>
      </div>
      <p class="footnote" data-testid="window-summary">
        {snapshot.bucket} windows · observations: <WindowClockNote clock={snapshot.clocks.observations} /> · product pages: <WindowClockNote clock={snapshot.clocks.pages} />
      </p>
      <div class="dash-grid">
        <Chart title={`Price per ${snapshot.bucket}`} {...charts.price} testId="price-chart" />
        <Chart title={`Sales rank per ${snapshot.bucket}`} {...charts.rank} testId="rank-chart" />
        <Chart title={`Rating per ${snapshot.bucket}`} {...charts.rating} testId="rating-chart" />
        <Chart title={`Review velocity per ${snapshot.bucket}`} {...charts.velocity} testId="velocity-chart" />
        <Chart title={`Estimated monthly revenue per ${snapshot.bucket}`} {...charts.revenue} testId="revenue-chart" />
      </div>
      <h2>Price history</h2>
      <table class="figures" data-testid="price-history" data-panel="price-history">
        <thead>
          <tr><th>{snapshot.bucket === 'hour' ? 'Hour' : 'Day'} (UTC)</th><th>Market</th><th class="num">Observations</th><th class="num">First</th><th class="num">Lowest</th><th class="num">Highest</th><th class="num">Last</th></tr>
        </thead>
        <tbody>
          {snapshot.prices.map((p) => (
            <tr key={`${p.bucketStartMs}|${place(p)}`} data-testid="price-point">
              <td>{utc(p.bucketStartMs)} <WindowMark marks={p.marks} /></td><td>{place(p)}</td><td class="num">{count(p.observations)}</td>
              <td class="num">{money(p.firstMinor, p.currency)}</td><td class="num">{money(p.lowestMinor, p.currency)}</td>
              <td class="num">{money(p.highestMinor, p.currency)}</td><td class="num" data-testid="last">{money(p.lastMinor, p.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {snapshot.reviews.length === 0 ? null : (
        <>
          <h2>Reviews written per day</h2>
          <table class="figures" data-testid="reviews-per-day" data-panel="reviews-per-day">
            <thead><tr><th>Day</th><th class="num">Reviews</th><th class="num">Average stars</th></tr></thead>
            <tbody>
              {snapshot.reviews.map((r) => <tr key={r.day}><td>{r.day}</td><td class="num">{count(r.reviews)}</td><td class="num">{r.averageRating.toFixed(2)}</td></tr>)}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
