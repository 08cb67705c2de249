import type { Browser } from 'playwright-core';
import type { ShelfstreamConfig } from '../../config/index.ts';
import type { KafkaDriver, KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import type { Logger } from '../../infra/logger.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { crawlTopicSpecs, type CrawlTopics } from '../../sources/crawler/crawl-topics.ts';
import { Crawler } from '../../sources/crawler/crawler.ts';
import type { CrawlReport } from '../../sources/crawler/request-outcomes.ts';
import { RawPageStore } from '../../sources/crawler/raw-page-store.ts';
import type { UrlGuard } from '../../sources/crawler/url-guard.ts';

/** How a crawler runs: `crawl run`'s flags, which the main job gives for its fixture storefront too. */
export interface CrawlRunOptions {
  /** Consumer group of the crawlers sharing the frontier. */
  readonly group: string;
  readonly contexts: number;
  readonly pagesPerContext: number;
  readonly hostConcurrency: number;
  readonly hostDelay: number;
  readonly timeout: number;
  readonly retries: number;
  readonly retryDelay: number;
  readonly retryMaxDelay: number;
  readonly maxDepth: number;
}

/** `crawl run`'s defaults: polite to a real host (one request at a time, a second apart). */
export const CRAWL_RUN_DEFAULTS: Omit<CrawlRunOptions, 'group'> = {
  contexts: 2,
  pagesPerContext: 25,
  hostConcurrency: 1,
  hostDelay: 1_000,
  timeout: 15_000,
  retries: 5,
  retryDelay: 2_000,
  retryMaxDelay: 60_000,
  maxDepth: 50,
};

export interface StartCrawlerOptions {
  readonly config: ShelfstreamConfig;
  readonly driver: KafkaDriver;
  /** Connected by the caller, who disconnects it after the crawler stopped. */
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  /** Launched by the caller, who closes it after the crawler stopped. */
  readonly browser: Browser;
  readonly guard: UrlGuard;
  readonly topics: CrawlTopics;
  readonly run: CrawlRunOptions;
  readonly log: Logger;
  readonly onReport?: (report: CrawlReport) => void;
  readonly onError: (error: unknown) => void;
}

/** Creates the crawl topics (`partitions` for all but the one-partition state topic). */
export async function createCrawlTopics(driver: KafkaDriver, topics: CrawlTopics, partitions: number): Promise<void> {
  const admin = await driver.admin();
  try {
    await admin.createTopics(crawlTopicSpecs(topics, partitions));
  } finally {
    await admin.close();
  }
}

/** Starts a crawler on the frontier with raw pages in the configured bucket, as `crawl run` does. */
export function startCrawler(o: StartCrawlerOptions): Promise<Crawler> {
  const { run } = o;
  return Crawler.start({
    driver: o.driver,
    producer: o.producer,
    serde: o.serde,
    rawStore: new RawPageStore(createMinioClient(o.config), o.config.s3.rawBucket),
    browser: o.browser,
    guard: o.guard,
    topics: o.topics,
    groupId: run.group,
    politeness: { maxConcurrency: run.hostConcurrency, delayMs: run.hostDelay },
    contexts: run.contexts,
    pagesPerContext: run.pagesPerContext,
    timeoutMs: run.timeout,
    retry: { retries: run.retries, initialDelayMs: run.retryDelay, maxDelayMs: run.retryMaxDelay },
    // kafkajs heartbeats between batches only: a batch must end well inside the session timeout.
    batchBudgetMs: Math.min(10_000, Math.floor(o.config.kafka.sessionTimeoutMs / 3)),
    maxDepth: run.maxDepth,
    log: o.log,
    ...(o.onReport === undefined ? {} : { onReport: o.onReport }),
    onError: o.onError,
  });
}
