import { crawlFrontierByHost, crawlOutcomesByHost } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { CrawlSnapshot } from '../web/src/dashboard/crawl-types.ts';
import type { Dashboard } from './dashboard-routes.ts';

/**
 * The Crawl page: per host, the crawl requests finished in the range, fetched, answered blocked and
 * failed; and the frontier written in the range, with the pages no outcome names yet. No window marks: each row counts requests' final outcomes (the crawl state's last word on
 * a job and URL), not a window's result, so no figure here is open, in grace or corrected.
 */
export const crawlDashboard: Dashboard<never> = {
  name: 'crawl',
  page: 'Crawl',
  route: 'crawl',
  filters: [],
  defaultLast: '24h',
  panels: [
    { id: 'crawl-hosts', title: 'Crawl health per host', queries: [crawlOutcomesByHost] },
    { id: 'blocked-chart', title: 'Blocked pages per host', queries: [crawlOutcomesByHost] },
    { id: 'crawl-frontier', title: 'Crawl frontier per host', queries: [crawlFrontierByHost] },
  ],
  async snapshot({ engine }, view, nowMs): Promise<CrawlSnapshot> {
    const range = view.range(nowMs);
    return { range, hosts: await crawlOutcomesByHost(engine, { range, limit: 10_000 }), frontier: await crawlFrontierByHost(engine, { range, limit: 10_000 }) };
  },
};
