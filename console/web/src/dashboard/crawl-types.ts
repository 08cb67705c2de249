/** The Crawl dashboard's stream (console/server pushes, console/web draws): crawl-health.ts's rows. Types only. */
import type { DashboardRange, Figures } from './dashboard-types.ts';

/** One host's crawl requests finished in the range: fetched, blocked at least once, failed, and blocked answers in all. */
export type HostCrawl = { readonly host: string } & Figures<'pages' | 'fetched' | 'blockedPages' | 'blockedFetches' | 'failed'>;

/** One host's crawl frontier written in the range: requests, pages asked for, retries, pages still pending, and the deepest link followed. */
export type HostFrontier = { readonly host: string } & Figures<'requests' | 'urls' | 'retries' | 'pending' | 'deepest'>;

export interface CrawlSnapshot {
  readonly range: DashboardRange;
  /** Most blocked answers first. */
  readonly hosts: readonly HostCrawl[];
  /** Most pages pending first. */
  readonly frontier: readonly HostFrontier[];
}
