import type { BlockedKind } from './extract/index.ts';

/** What a crawler has done since it started; retries and skips included, so the totals explain every request. */
export interface CrawlStats {
  /** Frontier records read. */
  requests: number;
  /** Requests for URLs already finished in their job (restarts, links seen twice). */
  skipped: number;
  /** Frontier records that are not crawl requests, dead-lettered. */
  malformed: number;
  /** Page fetches made, retries included. */
  fetches: number;
  /** Pages whose data was written. */
  pages: number;
  products: number;
  reviews: number;
  /** Fetches answered with a blocked page (captcha, error page, 503, 429): retried later, never data. */
  blocked: number;
  /** The same by host, then by kind of block: how hard each host pushes back. */
  blockedByHost: Record<string, Partial<Record<BlockedKind, number>>>;
  /** Requests put back in the frontier for a later attempt (backoff). */
  retries: number;
  /** Requests put back unchanged because politeness or a stop left no time for them in this batch. */
  deferred: number;
  deadLettered: number;
  gaveUp: number;
  notFound: number;
  disallowed: number;
  refused: number;
  /** New requests appended from links on fetched pages. */
  discovered: number;
}

export function emptyStats(): CrawlStats {
  return {
    requests: 0, skipped: 0, malformed: 0, fetches: 0, pages: 0, products: 0, reviews: 0, blocked: 0, blockedByHost: {},
    retries: 0, deferred: 0, deadLettered: 0, gaveUp: 0, notFound: 0, disallowed: 0, refused: 0, discovered: 0,
  };
}

/** Counts one blocked fetch of `host`. */
export function countBlocked(stats: CrawlStats, host: string, kind: BlockedKind): void {
  stats.blocked++;
  const byKind = (stats.blockedByHost[host] ??= {});
  byKind[kind] = (byKind[kind] ?? 0) + 1;
}
