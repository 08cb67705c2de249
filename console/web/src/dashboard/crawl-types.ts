/** The Crawl dashboard's stream (console/server pushes, console/web draws): crawl-health.ts's rows. Types only. */
import type { DashboardRange, Figures } from './dashboard-types.ts';

/** One host's crawl requests finished in the range: fetched, blocked at least once, failed, and blocked answers in all. */
export type HostCrawl = { readonly host: string } & Figures<'pages' | 'fetched' | 'blockedPages' | 'blockedFetches' | 'failed'>;

export interface CrawlSnapshot {
  readonly range: DashboardRange;
  /** Most blocked answers first. */
  readonly hosts: readonly HostCrawl[];
}
