import { useMemo } from 'preact/hooks';
import { Chart } from '../components/chart.tsx';
import { DashboardFrame } from '../components/dashboard-frame.tsx';
import { viewQuery } from '../components/dashboard-filters.tsx';
import { EmptyPanel } from '../components/state-panels.tsx';
import type { CrawlSnapshot } from '../dashboard/crawl-types.ts';
import { useDashboardStream } from '../dashboard/use-dashboard-stream.ts';
import type { Route } from '../route.ts';
import { count, utc } from '../sales/sales-format.ts';
import '../dashboard/dashboard.css';

/** Crawl health per host: pages fetched, blocked and failed, and the frontier, for the range in the URL; pushed live. */
export function CrawlPage({ route }: { route: Route }) {
  const crawl = useDashboardStream<CrawlSnapshot>('crawl', viewQuery(route, []));
  return (
    <DashboardFrame
      title="Crawl"
      route={route}
      defaultLast="24h"
      choices={[]}
      stream={crawl}
      what="crawl health"
      ready={(snapshot) => <CrawlBody snapshot={snapshot} />}
    />
  );
}

function CrawlBody({ snapshot }: { snapshot: CrawlSnapshot }) {
  const chart = useMemo(
    () => ({
      names: snapshot.hosts.map((h) => h.host),
      // One series: bars of several would overlap at each host.
      lines: [{ label: 'blocked pages', values: snapshot.hosts.map((h) => h.blockedPages) }],
    }),
    [snapshot],
  );
  const span = `${utc(snapshot.range.fromMs)} → ${utc(snapshot.range.toMs)} UTC, crawl requests by the time they finished`;
  if (snapshot.hosts.length === 0 && snapshot.frontier.length === 0) {
    return <EmptyPanel>No crawl request written or finished in {span}. The page updates by itself when some are.</EmptyPanel>;
  }
  return (
    <>
      <p class="footnote">{span}</p>
      <h2>Crawl health per host</h2>
      <table class="figures" data-testid="crawl-hosts" data-panel="crawl-hosts">
        <thead>
          <tr><th>Host</th><th class="num">Pages</th><th class="num">Fetched</th><th class="num">Blocked</th><th class="num">Failed</th><th class="num">Blocked answers</th></tr>
        </thead>
        <tbody>
          {snapshot.hosts.map((h) => (
            <tr key={h.host} data-testid={`host-${h.host}`}>
              <td>{h.host}</td>
              <td class="num" data-testid="pages">{count(h.pages)}</td>
              <td class="num" data-testid="fetched">{count(h.fetched)}</td>
              <td class="num" data-testid="blocked">{count(h.blockedPages)}</td>
              <td class="num" data-testid="failed">{count(h.failed)}</td>
              <td class="num" data-testid="blocked-fetches">{count(h.blockedFetches)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote">Blocked: pages answered blocked (captcha, error page, 503, 429) at least once, whatever became of them; failed: given up after every attempt, or dead-lettered.</p>
      <Chart title="Blocked pages per host" xs={chart.names.map((_, i) => i)} lines={chart.lines} categories={chart.names} bars testId="blocked-chart" />
      <h2>Crawl frontier per host</h2>
      <table class="figures" data-testid="crawl-frontier" data-panel="crawl-frontier">
        <thead>
          <tr><th>Host</th><th class="num">Requests</th><th class="num">Pages</th><th class="num">Retries</th><th class="num">Pending</th><th class="num">Deepest link</th></tr>
        </thead>
        <tbody>
          {snapshot.frontier.map((h) => (
            <tr key={h.host} data-testid={`frontier-${h.host}`}>
              <td>{h.host}</td>
              <td class="num" data-testid="requests">{count(h.requests)}</td>
              <td class="num" data-testid="urls">{count(h.urls)}</td>
              <td class="num" data-testid="retries">{count(h.retries)}</td>
              <td class="num" data-testid="pending">{count(h.pending)}</td>
              <td class="num" data-testid="deepest">{count(h.deepest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote">The frontier by when each request was written: first requests, retries and requests deferred for politeness. Pending: pages asked for that no outcome names yet, still to fetch or in flight.</p>
    </>
  );
}
