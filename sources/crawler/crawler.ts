import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import type { IncomingRecord, KafkaConsumer, KafkaDriver, KafkaProducer, RecordBatch } from '../../infra/kafka/kafka-driver.ts';
import type { RetryPolicy } from '../../infra/retry.ts';
import type { Logger } from '../../infra/logger.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { ContextPool } from './context-pool.ts';
import { crawlDeadLetter } from './crawl-dead-letters.ts';
import { frontierRecord, type CrawlRequest } from './crawl-request.ts';
import { CrawlStateStore } from './crawl-state-store.ts';
import { emptyStats, type CrawlStats } from './crawl-stats.ts';
import type { CrawlTopics } from './crawl-topics.ts';
import { hostOf } from './crawl-url.ts';
import { asinInPath } from './extract/find-asin.ts';
import { HostGate, type PolitenessOptions } from './host-gate.ts';
import { openCrawlContext } from './launch-chromium.ts';
import { fetchPage, type FetchedPage } from './page-fetcher.ts';
import type { RawPageStore } from './raw-page-store.ts';
import { RequestOutcomes, type CrawlReport, type Requeue, type StoredFetch } from './request-outcomes.ts';
import { httpRobotsFetcher, RobotsPolicy } from './robots-policy.ts';
import { selectRequests } from './select-requests.ts';
import type { UrlGuard } from './url-guard.ts';

/** Product token for robots.txt groups, and the User-Agent of robots.txt requests. */
export const ROBOTS_AGENT = 'ShelfstreamBot';

export interface CrawlerOptions {
  readonly driver: KafkaDriver;
  /** Connected by the caller, who disconnects it after `stop`. */
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  readonly rawStore: RawPageStore;
  /** Launched by the caller, who closes it after `stop`: one browser, few contexts. */
  readonly browser: Browser;
  readonly guard: UrlGuard;
  readonly topics: CrawlTopics;
  /** Consumer group on the frontier: crawlers in one group share the hosts (one partition, one crawler). */
  readonly groupId: string;
  readonly politeness?: PolitenessOptions;
  /** Browser contexts open at once, which bounds the pages in flight. */
  readonly contexts?: number;
  readonly pagesPerContext?: number;
  /** Per request, robots.txt and each redirect hop included. */
  readonly timeoutMs?: number;
  /** Attempts after the first for blocked and unreachable pages, and their backoff. */
  readonly retry?: Omit<RetryPolicy, 'isRetriable'>;
  /**
   * How long one frontier batch may wait for politeness before the requests it could not start
   * are put back in the frontier. With the fetch timeout it must stay below the Kafka session
   * timeout: the kafkajs driver heartbeats between batches only.
   */
  readonly batchBudgetMs?: number;
  /** Links followed from a seed at most (review pages are one link deeper each). */
  readonly maxDepth?: number;
  readonly robots?: RobotsPolicy;
  /** Told after each request's attempt: what was fetched, where its raw HTML is, and how it ended. */
  readonly onReport?: (report: CrawlReport) => void;
  /** Told when the frontier consumer stops on an error; the crawler is then dead and should be stopped. */
  readonly onError?: (error: unknown) => void;
  readonly log?: Logger;
}

const DEFAULT_RETRY = { retries: 5, initialDelayMs: 2_000, maxDelayMs: 60_000 } as const;

/**
 * The crawler: a consumer-group member on the frontier topic. Each batch of crawl requests is
 * deduplicated against the crawl state, fetched politely through a bounded, recycled pool of
 * Chromium contexts, stored raw in the object store, extracted, and written as Avro events;
 * links found are appended to the frontier, and each finished URL's outcome to the crawl state.
 * Retries and requests that politeness leaves no time for go back to the frontier before the
 * batch's offsets are committed, so a crawler killed at any point loses no request and, on
 * restart, fetches no finished URL again (a page fetched but not yet recorded is fetched again).
 */
export class Crawler {
  readonly stats: CrawlStats = emptyStats();
  readonly #o: CrawlerOptions;
  readonly #state: CrawlStateStore;
  readonly #gate: HostGate;
  readonly #pool: ContextPool<BrowserContext>;
  readonly #robots: RobotsPolicy;
  readonly #outcomes: RequestOutcomes;
  readonly #stopping = new AbortController();
  #consumer: KafkaConsumer | undefined;
  #stopped: Promise<void> | undefined;

  private constructor(options: CrawlerOptions, state: CrawlStateStore) {
    this.#o = options;
    this.#state = state;
    this.#gate = new HostGate(options.politeness ?? { maxConcurrency: 1, delayMs: 1_000 });
    this.#pool = new ContextPool(() => openCrawlContext(options.browser), { size: options.contexts ?? 2, pagesPerContext: options.pagesPerContext ?? 25 });
    this.#robots = options.robots ?? new RobotsPolicy({ agent: ROBOTS_AGENT, fetchRobots: httpRobotsFetcher(options.guard, this.#timeoutMs, ROBOTS_AGENT) });
    this.#outcomes = new RequestOutcomes({
      producer: options.producer,
      serde: options.serde,
      topics: options.topics,
      state,
      gate: this.#gate,
      retry: options.retry ?? DEFAULT_RETRY,
      maxDepth: options.maxDepth ?? 50,
      stats: this.stats,
      onReport: options.onReport,
      log: options.log,
    });
  }

  /** Reads the crawl state, then joins the frontier's consumer group and crawls until stopped. */
  static async start(options: CrawlerOptions): Promise<Crawler> {
    const state = new CrawlStateStore(options.driver, options.producer, options.topics.state);
    await state.load();
    const crawler = new Crawler(options, state);
    options.log?.info({ finished: state.ledger.finishedCount, frontier: options.topics.frontier, group: options.groupId }, 'crawl state loaded');
    const consumer = options.driver.consumer({ groupId: options.groupId, topics: [options.topics.frontier], fromBeginning: true });
    crawler.#consumer = consumer;
    await consumer.run((batch) => crawler.#handle(batch), options.onError);
    return crawler;
  }

  /** Contexts opened so far, recycled ones included. */
  get contextsOpened(): number {
    return this.#pool.opened;
  }

  /**
   * Graceful stop: requests waiting for politeness go back to the frontier at once, pages in
   * flight finish and are recorded, the batch's offsets are committed, the group is left, and
   * the browser contexts are closed.
   */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stopping.abort();
      await this.#consumer?.disconnect();
      await this.#pool.close();
    })();
    return this.#stopped;
  }

  async #handle(batch: RecordBatch): Promise<void> {
    const deadline = Date.now() + (this.#o.batchBudgetMs ?? 10_000);
    const { selected, skipped, malformed } = selectRequests(batch.records, this.#state.ledger);
    this.stats.requests += batch.records.length;
    this.stats.skipped += skipped;
    this.stats.malformed += malformed.length;
    const work = selected.map(({ request, record }) => this.#crawl(request, record, deadline));
    // Every request settles before the batch ends, so nothing runs on after its offsets are committed.
    const settled = await Promise.allSettled(work);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const requeue = settled.flatMap((s) => (s.status === 'fulfilled' && s.value !== null ? [frontierRecord(s.value)] : []));
    await Promise.all([
      requeue.length > 0 ? this.#o.producer.send(this.#o.topics.frontier, requeue) : undefined,
      malformed.length > 0
        ? this.#o.producer.send(this.#o.topics.deadLetter, malformed.map((m) => crawlDeadLetter(m.record, m.error, { url: '', job: '', rawKey: null, attempts: 0 })))
        : undefined,
    ]);
  }

  async #crawl(request: CrawlRequest, record: IncomingRecord, deadline: number): Promise<Requeue> {
    let crawlDelayMs: number | undefined;
    try {
      await this.#o.guard.check(request.url);
      const rules = await this.#robots.rulesFor(request.url);
      if (!rules.isAllowed(request.url)) return await this.#outcomes.finish(request, 'disallowed', null, 'robots.txt disallows it');
      crawlDelayMs = rules.crawlDelayMs;
    } catch (error) {
      return this.#outcomes.unfetched(request, record, error);
    }
    const slot = await this.#gate.acquire(hostOf(request.url), {
      notBefore: request.notBefore,
      deadline,
      signal: this.#stopping.signal,
      ...(crawlDelayMs === undefined ? {} : { delayMs: crawlDelayMs }),
    });
    if (slot === null) {
      this.stats.deferred++;
      return request;
    }
    let fetched: StoredFetch;
    try {
      fetched = await this.#fetch(request);
    } catch (error) {
      return await this.#outcomes.unfetched(request, record, error);
    } finally {
      slot();
    }
    return this.#outcomes.page(request, record, fetched);
  }

  async #fetch(request: CrawlRequest): Promise<StoredFetch> {
    const lease = await this.#pool.acquire();
    let page: FetchedPage;
    try {
      this.stats.fetches++;
      page = await fetchPage(lease.context, request.url, { guard: this.#o.guard, timeoutMs: this.#timeoutMs });
    } finally {
      lease.release();
    }
    const fetchedAt = Date.now();
    const asin = asinInPath(new URL(page.url).pathname) ?? asinInPath(new URL(request.url).pathname) ?? null;
    const rawKey = await this.#o.rawStore.put(
      { url: page.url, job: request.job, fetchId: randomUUID(), fetchedAt, status: page.status, contentType: page.contentType, body: page.body },
      asin,
    );
    return { page, rawKey, fetchedAt };
  }

  get #timeoutMs(): number {
    return this.#o.timeoutMs ?? 15_000;
  }
}
