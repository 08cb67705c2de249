import {
  PageFetchError,
  UnusablePageError,
  UrlRefusedError,
  type ShelfstreamError,
} from '../../errors/index.ts';
import type { IncomingRecord, KafkaProducer, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { retryDelayMs, type RetryPolicy } from '../../infra/retry.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { crawlDeadLetter } from './crawl-dead-letters.ts';
import { crawlRequest, frontierRecord, type CrawlRequest } from './crawl-request.ts';
import type { CrawlOutcomeKind, CrawlStateStore } from './crawl-state-store.ts';
import { countBlocked, type CrawlStats } from './crawl-stats.ts';
import type { CrawlTopics } from './crawl-topics.ts';
import { crawlUrl, hostOf } from './crawl-url.ts';
import { decodeBody } from './decode-body.ts';
import { discoverLinks } from './discover-links.ts';
import type { HostGate } from './host-gate.ts';
import { judgePage } from './judge-page.ts';
import { pageOutputs } from './page-outputs.ts';
import type { FetchedPage } from './page-fetcher.ts';

/** One request's attempt: its result, and the fetch it made, if any. */
export interface CrawlReport {
  readonly job: string;
  readonly url: string;
  /** 1 for the first fetch of the URL. */
  readonly attempt: number;
  readonly result: CrawlOutcomeKind | 'retry';
  readonly status: number | null;
  readonly rawKey: string | null;
  readonly detail: string | null;
}

/** A fetch that reached the server, stored in the raw layer. */
export interface StoredFetch {
  readonly page: FetchedPage;
  readonly rawKey: string;
  readonly fetchedAt: number;
}

/** What became of one request in a batch: finished (null), or a request to put back in the frontier. */
export type Requeue = CrawlRequest | null;

/** The fetch a result comes from: its status and raw key. */
type FetchAt = { readonly status: number; readonly rawKey: string };

export interface RequestOutcomesOptions {
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  readonly topics: CrawlTopics;
  readonly state: CrawlStateStore;
  /** Told to hold a host off when it blocks. */
  readonly gate: HostGate;
  readonly retry: Omit<RetryPolicy, 'isRetriable'>;
  readonly maxDepth: number;
  /** Counted into as requests end. */
  readonly stats: CrawlStats;
  readonly onReport?: ((report: CrawlReport) => void) | undefined;
  readonly log?: Logger | undefined;
}

/**
 * What the crawler writes as requests end, in the order that makes a crash safe: a page's
 * events, dead letter and links first, its outcome in the crawl state last, so a URL counts as
 * finished only once everything it gave is in Kafka. Retries are handed back to the crawler,
 * which puts them in the frontier before the batch commits.
 */
export class RequestOutcomes {
  readonly #o: RequestOutcomesOptions;

  constructor(options: RequestOutcomesOptions) {
    this.#o = options;
  }

  /** Judges a fetched page and writes what it gives: events and links, a dead letter, or a retry. */
  async page(request: CrawlRequest, record: IncomingRecord, fetched: StoredFetch): Promise<Requeue> {
    const { page, rawKey } = fetched;
    const html = decodeBody(page.body, page.contentType);
    const judgement = judgePage({ url: page.url, status: page.status, html, rawKey });
    const at = { status: page.status, rawKey };
    switch (judgement.kind) {
      case 'data': {
        const outputs = await pageOutputs(this.#o.serde, this.#o.topics, judgement.extraction, {
          url: page.url,
          fetchedAt: fetched.fetchedAt,
          job: request.job,
          rawKey,
        });
        await Promise.all([
          outputs.products.length > 0 ? this.#o.producer.send(this.#o.topics.products, outputs.products) : undefined,
          outputs.reviews.length > 0 ? this.#o.producer.send(this.#o.topics.reviews, outputs.reviews) : undefined,
        ]);
        await this.#discover(request, discoverLinks(judgement.extraction, html, page.url));
        this.#o.stats.pages++;
        this.#o.stats.products += outputs.products.length;
        this.#o.stats.reviews += outputs.reviews.length;
        return this.finish(request, 'fetched', at, judgement.extraction.kind);
      }
      case 'blocked': {
        const host = hostOf(request.url);
        countBlocked(this.#o.stats, host, judgement.reason);
        this.#o.gate.holdOff(host, Date.now() + crawlRetryDelay(this.#o.retry, request.attempt + 1));
        const error = new UnusablePageError('CRAWL_PAGE_BLOCKED', page.url, judgement.reason, { location: { url: page.url, file: rawKey } });
        return this.#retryOrGiveUp({ ...request, blocked: request.blocked + 1 }, record, error, at);
      }
      case 'server-error':
        return this.#retryOrGiveUp(request, record, new PageFetchError(page.url, `server answered ${judgement.status}`), at);
      case 'not-found':
        return this.finish(request, 'not-found', at, `HTTP ${judgement.status}`);
      case 'dead-letter':
        await this.#o.producer.send(this.#o.topics.deadLetter, [
          crawlDeadLetter(record, judgement.error, { url: page.url, job: request.job, rawKey, attempts: request.attempt + 1 }),
        ]);
        this.#o.stats.deadLettered++;
        return this.finish(request, 'dead-lettered', at, `${judgement.error.code}: ${judgement.error.message}`);
    }
  }

  /** No page came back. Refusals end the request; fetch failures (DNS, network, timeout, robots.txt unreachable) are retried; anything else is a fault of the crawler. */
  unfetched(request: CrawlRequest, record: IncomingRecord, error: unknown): Promise<Requeue> {
    if (error instanceof UrlRefusedError) return this.finish(request, 'refused', null, error.message);
    if (error instanceof PageFetchError) return this.#retryOrGiveUp(request, record, error, null);
    throw error;
  }

  async #retryOrGiveUp(
    request: CrawlRequest,
    record: IncomingRecord,
    error: ShelfstreamError,
    at: FetchAt | null,
  ): Promise<Requeue> {
    const failures = request.attempt + 1;
    if (failures <= this.#o.retry.retries) {
      this.#o.stats.retries++;
      this.#report(request, 'retry', at, error.message);
      this.#o.log?.debug({ url: request.url, job: request.job, attempt: failures, err: error }, 'retrying later');
      return { ...request, attempt: failures, notBefore: Date.now() + crawlRetryDelay(this.#o.retry, failures) };
    }
    await this.#o.producer.send(this.#o.topics.deadLetter, [
      crawlDeadLetter(record, error, { url: request.url, job: request.job, rawKey: at?.rawKey ?? null, attempts: failures }),
    ]);
    this.#o.stats.gaveUp++;
    this.#o.log?.warn({ url: request.url, job: request.job, attempts: failures, err: error }, 'giving up on a page');
    return this.finish(request, 'gave-up', at, error.message);
  }

  /** Appends links not yet known in the job, within the depth limit. */
  async #discover(from: CrawlRequest, links: readonly string[]): Promise<void> {
    if (from.depth + 1 > (this.#o.maxDepth)) return;
    const records: OutgoingRecord[] = [];
    for (const link of links) {
      let url: string;
      try {
        url = crawlUrl(link);
      } catch {
        continue;
      }
      if (this.#o.state.ledger.markQueued(from.job, url)) records.push(frontierRecord(crawlRequest(from.job, url, from)));
    }
    if (records.length === 0) return;
    await this.#o.producer.send(this.#o.topics.frontier, records);
    this.#o.stats.discovered += records.length;
  }

  async finish(
    request: CrawlRequest,
    outcome: CrawlOutcomeKind,
    at: FetchAt | null,
    detail: string,
  ): Promise<Requeue> {
    const attempts = at === null ? request.attempt : request.attempt + 1;
    await this.#o.state.record({
      job: request.job,
      url: request.url,
      outcome,
      attempts,
      blocked: request.blocked,
      status: at?.status ?? null,
      rawKey: at?.rawKey ?? null,
      detail,
      at: Date.now(),
    });
    this.#o.log?.debug({ url: request.url, job: request.job, outcome, attempts, status: at?.status ?? null }, detail);
    if (outcome === 'not-found') this.#o.stats.notFound++;
    if (outcome === 'disallowed') this.#o.stats.disallowed++;
    if (outcome === 'refused') this.#o.stats.refused++;
    this.#report(request, outcome, at, detail);
    return null;
  }

  #report(request: CrawlRequest, result: CrawlReport['result'], at: FetchAt | null, detail: string): void {
    this.#o.onReport?.({
      job: request.job,
      url: request.url,
      attempt: request.attempt + 1,
      result,
      status: at?.status ?? null,
      rawKey: at?.rawKey ?? null,
      detail,
    });
  }
}

/** The wait before a request's next attempt after `failures` failed ones: a throttled host must get a real pause, so equal jitter. */
const crawlRetryDelay = (policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>, failures: number): number =>
  Math.round(retryDelayMs(policy, failures - 1, 'equal'));
