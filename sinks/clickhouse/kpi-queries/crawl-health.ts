import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';
import { EVENT_TABLES } from '../clickhouse-schema.ts';
import { kpiQuery } from './kpi-query.ts';
import { checkOptions, inRange, limitClause, type KpiQueryOptions } from './kpi-query-options.ts';

/** What became of one host's crawl requests finished within the range (crawl_outcomes_raw, by the outcome's time). */
export interface HostCrawlRow {
  readonly host: string;
  /** Requests finished: one per job and URL. */
  readonly pages: number;
  /** Pages whose data was written. */
  readonly fetched: number;
  /** Pages answered blocked (captcha, error page, 503, 429) at least once, whatever their outcome. */
  readonly blockedPages: number;
  /** Blocked answers in all: how hard the host pushed back. */
  readonly blockedFetches: number;
  /** Pages given up after every attempt (blocked or unreachable) or dead-lettered (no data in them). */
  readonly failed: number;
}

/** Crawl outcomes per host, most blocked answers first, ties by host. */
export const crawlOutcomesByHost = kpiQuery([EVENT_TABLES.crawlOutcomes], async function crawlOutcomesByHost(engine: SqlEngine, options: KpiQueryOptions): Promise<HostCrawlRow[]> {
  checkOptions('crawlOutcomesByHost', options);
  const rows = await engine.rows<{ host: string; pages: number; fetched: number; blocked_pages: number; blocked_fetches: number; failed: number }>(sql`
    SELECT host,
      count() AS pages,
      countIf(outcome = 'fetched') AS fetched,
      countIf(blocked > 0) AS blocked_pages,
      sum(toInt64(blocked)) AS blocked_fetches,
      countIf(outcome IN ('gave-up', 'dead-lettered')) AS failed
    FROM ${new TrustedSql(EVENT_TABLES.crawlOutcomes)}
    WHERE ${inRange('event_time', options.range)}
    GROUP BY host
    ORDER BY blocked_fetches DESC, host
    ${limitClause(options)}`);
  return rows.map((r) => ({ host: r.host, pages: r.pages, fetched: r.fetched, blockedPages: r.blocked_pages, blockedFetches: r.blocked_fetches, failed: r.failed }));
});

/** One host's crawl frontier: the requests written within the range (crawl_requests_raw, by when each was written). */
export interface HostFrontierRow {
  readonly host: string;
  /** Frontier records: first requests, retries and deferrals. */
  readonly requests: number;
  /** Distinct pages asked for (job and URL). */
  readonly urls: number;
  /** Requests that were a further attempt at a page. */
  readonly retries: number;
  /** Pages asked for that no crawl outcome names yet: still to fetch, or in flight. */
  readonly pending: number;
  /** Links followed from the seeds, at most. */
  readonly deepest: number;
}

/** The crawl frontier per host, most pages pending first, ties by host. */
export const crawlFrontierByHost = kpiQuery([EVENT_TABLES.crawlRequests, EVENT_TABLES.crawlOutcomes], async function crawlFrontierByHost(engine: SqlEngine, options: KpiQueryOptions): Promise<HostFrontierRow[]> {
  checkOptions('crawlFrontierByHost', options);
  const rows = await engine.rows<{ host: string; requests: number; urls: number; retries: number; pending: number; deepest: number }>(sql`
    SELECT host,
      count() AS requests,
      uniqExact(job, url) AS urls,
      countIf(attempt > 0) AS retries,
      uniqExactIf(job, url, (job, url) NOT IN (SELECT job, url FROM ${new TrustedSql(EVENT_TABLES.crawlOutcomes)})) AS pending,
      max(depth) AS deepest
    FROM ${new TrustedSql(EVENT_TABLES.crawlRequests)}
    WHERE ${inRange('event_time', options.range)}
    GROUP BY host
    ORDER BY pending DESC, host
    ${limitClause(options)}`);
  return rows.map((r) => ({ host: r.host, requests: r.requests, urls: r.urls, retries: r.retries, pending: r.pending, deepest: r.deepest }));
});

export interface PagesHourRow {
  readonly bucketStartMs: number;
  /** Product pages loaded (a page crawled again unchanged was dropped before the table). */
  readonly pages: number;
  readonly asins: number;
}

/** Crawled product pages per hour of fetch time (product_pages_raw), oldest first; hours without pages are left out. */
export const pagesPerHour = kpiQuery([EVENT_TABLES.productPages], async function pagesPerHour(engine: SqlEngine, options: KpiQueryOptions): Promise<PagesHourRow[]> {
  checkOptions('pagesPerHour', options);
  const rows = await engine.rows<{ bucket_start_s: number; page_count: number; asin_count: number }>(sql`
    SELECT toUInt32(toStartOfHour(event_time)) AS bucket_start_s, count() AS page_count, uniqExact(asin) AS asin_count
    FROM ${new TrustedSql(EVENT_TABLES.productPages)}
    WHERE ${inRange('event_time', options.range)}
    GROUP BY bucket_start_s
    ORDER BY bucket_start_s
    ${limitClause(options)}`);
  return rows.map((r) => ({ bucketStartMs: r.bucket_start_s * 1000, pages: r.page_count, asins: r.asin_count }));
});
