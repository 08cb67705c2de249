import { useMemo } from 'preact/hooks';
import { Chart } from '../components/chart.tsx';
import { DashboardFrame } from '../components/dashboard-frame.tsx';
import { viewQuery } from '../components/dashboard-filters.tsx';
import { EmptyPanel } from '../components/state-panels.tsx';
import { WindowClockNote, WindowMark } from '../components/window-mark.tsx';
import type { Mover, MoversSnapshot } from '../dashboard/movers-types.ts';
import { timeLines } from '../dashboard/lines-over.ts';
import { useDashboardStream } from '../dashboard/use-dashboard-stream.ts';
import { href, type Route } from '../route.ts';
import { count, money, utc } from '../sales/sales-format.ts';
import '../dashboard/dashboard.css';

const FILTERS = ['marketplace'] as const;

/** Each hour's biggest rank and price movers, linked to their ASIN pages, and the rating trend of the biggest; pushed live. */
export function MoversPage({ route }: { route: Route }) {
  const movers = useDashboardStream<MoversSnapshot>('movers', viewQuery(route, FILTERS));
  const range = Object.fromEntries(['last', 'from', 'to'].flatMap((k) => (route.query.get(k) === null ? [] : [[k, route.query.get(k) ?? '']])));
  return (
    <DashboardFrame
      title="Top movers"
      route={route}
      defaultLast="24h"
      choices={[]}
      stream={movers}
      what="top movers"
      ready={(snapshot) => <MoversBody snapshot={snapshot} range={range} />}
    />
  );
}

function MoversBody({ snapshot, range }: { snapshot: MoversSnapshot; range: Record<string, string> }) {
  const ratings = useMemo(() => timeLines(snapshot.ratings.flatMap((r) => r.points.map((p) => ({ x: p.bucketStartMs, label: r.asin, value: p.rating })))), [snapshot]);
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, the ${snapshot.perHour} biggest changes within each hour`;
  if (snapshot.byRank.length === 0 && snapshot.byPrice.length === 0) return <EmptyPanel>No rank or price moved in {span}. The page updates by itself when observations arrive.</EmptyPanel>;
  return (
    <>
      <p class="footnote">{span}</p>
      <div class="dash-grid">
        <MoverTable title="By sales rank" movers={snapshot.byRank} range={range} show={(v) => `#${count(v)}`} testId="movers-rank" />
        <MoverTable title="By price" movers={snapshot.byPrice} range={range} show={(v, currency) => money(v, currency)} testId="movers-price" />
      </div>
      <p class="footnote" data-testid="window-summary">hour windows · <WindowClockNote clock={snapshot.clock} /></p>
      {ratings.lines.length === 0 ? null : <Chart title="Rating of the biggest movers, per hour" xs={ratings.xs} lines={ratings.lines} testId="rating-trends" />}
    </>
  );
}

function MoverTable({ title, movers, range, show, testId }: { title: string; movers: readonly Mover[]; range: Record<string, string>; show: (value: number, currency: string) => string; testId: string }) {
  return (
    <div data-panel={testId}>
      <h2>{title}</h2>
      <table class="figures" data-testid={testId}>
        <thead>
          <tr><th>Hour (UTC)</th><th>ASIN</th><th>Market</th><th class="num">First</th><th class="num">Last</th><th class="num">Change</th></tr>
        </thead>
        <tbody>
          {movers.map((m) => (
            <tr key={`${m.bucketStartMs}|${m.asin}|${m.marketplace}|${m.currency}`} data-testid={`mover-${m.asin}`}>
              <td>{utc(m.bucketStartMs)} <WindowMark marks={m.marks} /></td>
              <td><a href={href('asins', m.asin, { ...range, marketplace: m.marketplace })}>{m.asin}</a></td>
              <td>{m.marketplace}</td>
              <td class="num">{show(m.first, m.currency)}</td>
              <td class="num" data-testid="last">{show(m.last, m.currency)}</td>
              {/* A falling rank number is a climb. */}
              <td class={`num ${(testId === 'movers-rank' ? -m.change : m.change) > 0 ? 'up' : 'down'}`} data-testid="change">{m.change > 0 ? '+' : ''}{count(m.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
