import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { Secret, type ShelfstreamConfig } from '../config/index.ts';
import { BrowserUnavailableError, KafkaClientError } from '../errors/index.ts';
import { groupCaughtUp } from '../infra/kafka/group-caught-up.ts';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { createLogger } from '../infra/logger.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { addRequests } from '../sources/crawler/add-requests.ts';
import type { CrawlStats } from '../sources/crawler/crawl-stats.ts';
import type { Crawler } from '../sources/crawler/crawler.ts';
import { launchChromium } from '../sources/crawler/launch-chromium.ts';
import { UrlGuard } from '../sources/crawler/url-guard.ts';
import { MarketplaceApiServer } from '../sources/fixtures/marketplace-api/marketplace-api-server.ts';
import { StorefrontServer } from '../sources/fixtures/storefront/storefront-server.ts';
import type { PollSummary } from '../sources/poller/marketplace-poller.ts';
import { openPoller } from './commands/open-poller.ts';
import { CRAWL_RUN_DEFAULTS, createCrawlTopics, startCrawler } from './commands/start-crawler.ts';
import type { MainJobNames } from '../topology/main-job-names.ts';

/** The storefront's 10 products: every page variant in both layouts, about two dozen pages with their reviews. */
const STOREFRONT_PRODUCTS = 10;
const API_ITEMS = 120;
/** As `shelfstream poll`'s default interval. */
const POLL_INTERVAL_MS = 60_000;
/** `source` of the polled observations, beside the generated ones in the same topic. */
export const FIXTURE_API_SOURCE = 'fixture-api';
/** The fixture is ours and on loopback: two requests at a time, 50 ms apart, instead of a real host's one a second. */
const FIXTURE_CRAWL = { ...CRAWL_RUN_DEFAULTS, hostConcurrency: 2, hostDelay: 50 };

export interface FixtureSourcesOptions {
  readonly config: ShelfstreamConfig;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  readonly names: MainJobNames;
  /** Keeps the storefront's port between runs. */
  readonly stackDir: string;
  /** Seed of the storefront's and the API's data. */
  readonly seed: number;
  /** Partitions of the crawl and observation topics. */
  readonly partitions: number;
  /** Poll every interval until stopped (the streaming deployment); otherwise poll once. */
  readonly continuous: boolean;
  readonly log: (line: string) => void;
  /** Told when the crawler's frontier consumer or the poller stops on an error. */
  readonly onFatal: (error: unknown) => void;
}

/** What the sources did in this run: the crawl's counts (null when Chromium is unavailable) and the (first) poll's. */
export interface SourceTotals {
  readonly crawl: CrawlStats | null;
  readonly poll: PollSummary;
}

export interface FixtureSources {
  /** Resolves once the crawl frontier is drained and the first poll ended: what a bounded run waits for. */
  readonly settled: Promise<SourceTotals>;
  stop(): Promise<void>;
}

/**
 * The main job's live sources: the fixture storefront crawled by the crawler into the crawl
 * topics, and the fixture marketplace API polled into the observations topic (the schema is the
 * generated observations', told apart by `source`). Both fixtures serve their own seeded products,
 * not the sample's ASINs. A rerun adds nothing: the crawl job's finished URLs are in the crawl-state
 * topic (the storefront keeps its port, since URLs name it) and the poller resumes from its cursor.
 */
export async function startFixtureSources(o: FixtureSourcesOptions): Promise<FixtureSources> {
  const { config, driver, names, log } = o;
  const topics = names.crawlTopics;
  // The crawler's and poller's info logs would scroll past the job's lines: warnings only, unless debugging.
  const quiet = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, 'main-job-sources');
  const storefront = await startStorefront(o.stackDir, o.seed);
  const api = await MarketplaceApiServer.start({ seed: o.seed, items: API_ITEMS });
  const producer = driver.producer();
  await producer.connect();
  const stopping = new AbortController();
  let browser: Browser | undefined;
  let crawler: Crawler | undefined;
  let polling: Promise<void> = Promise.resolve();
  const stop = async (): Promise<void> => {
    stopping.abort();
    await polling;
    await crawler?.stop();
    await browser?.close();
    await producer.disconnect();
    await Promise.all([storefront.close(), api.close()]);
  };
  try {
    await createCrawlTopics(driver, topics, o.partitions);
    const poller = await openPoller({
      driver,
      producer,
      serde: o.serde,
      api: { url: api.url, apiKey: new Secret(api.apiKey), pageSize: 100 },
      topic: names.observationsTopic,
      deadLetterTopic: names.observationsDeadLetterTopic,
      cursorTopic: names.pollerCursorTopic,
      pollerId: `${FIXTURE_API_SOURCE}:${names.observationsTopic}`,
      partitions: o.partitions,
      source: FIXTURE_API_SOURCE,
      log: quiet,
    });
    const pollLine = (s: PollSummary) =>
      `polled ${api.url} (fixture marketplace API, ${API_ITEMS} items): ${s.pages} pages, ${s.observations} observations into ${names.observationsTopic}, ${s.deadLetters} dead-lettered`;
    let firstPoll: Promise<PollSummary>;
    if (o.continuous) {
      let reported: (summary: PollSummary) => void = () => undefined;
      firstPoll = new Promise((resolve) => { reported = resolve; });
      let polls = 0;
      polling = poller
        .run(POLL_INTERVAL_MS, stopping.signal, (result) => {
          if (result instanceof Error) {
            log(`poll of ${api.url} failed, trying again in ${POLL_INTERVAL_MS / 1000} s: ${result.message}`);
            return;
          }
          // Later polls of the unchanging fixture find nothing: a line only when one brings something.
          if (polls++ === 0 || result.observations + result.deadLetters > 0) log(pollLine(result));
          reported(result);
        })
        .catch(o.onFatal);
    } else {
      firstPoll = poller.pollOnce().then((summary) => {
        log(pollLine(summary));
        return summary;
      });
    }

    let crawled: Promise<CrawlStats | null>;
    try {
      browser = await launchChromium();
    } catch (error) {
      if (!(error instanceof BrowserUnavailableError)) throw error;
      log(`crawl skipped: ${error.message}`);
    }
    if (browser === undefined) {
      crawled = Promise.resolve(null);
    } else {
      const guard = new UrlGuard({ allowPrivate: true });
      let failure: unknown;
      const group = `${names.applicationId}-crawler`;
      const started = await startCrawler({
        config,
        driver,
        producer,
        serde: o.serde,
        browser,
        guard,
        topics,
        run: { ...FIXTURE_CRAWL, group },
        log: quiet,
        onError: (error) => {
          failure = error;
          o.onFatal(error);
        },
      });
      crawler = started;
      // Seeded every run: the crawler skips the URLs its job finished before.
      await addRequests(producer, topics.frontier, `${names.applicationId}-storefront`, storefront.truth.products.map((p) => p.url), guard);
      crawled = untilDrained(driver, group, topics.frontier, () => failure, stopping.signal).then((drained) => {
        const s = started.stats;
        if (drained) {
          log(
            `crawled ${storefront.url} (fixture storefront, ${STOREFRONT_PRODUCTS} products of its own): ${s.pages} pages fetched, ${s.products} products and ${s.reviews} reviews into ${topics.products} and ${topics.reviews}, ${s.skipped} requests finished before, ${s.deadLettered} dead-lettered, ${s.blocked} blocked`,
          );
        }
        return s;
      });
    }
    const settled = Promise.all([crawled, firstPoll]).then(([crawl, poll]) => ({ crawl, poll }));
    // The streaming deployment never waits for it; its errors reach onFatal.
    settled.catch(() => undefined);
    return { settled, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The fixtures off (the user's own data given): nothing crawled or polled, settled at once. */
export function noFixtureSources(): FixtureSources {
  return { settled: Promise.resolve({ crawl: null, poll: { pages: 0, observations: 0, deadLetters: 0, cursor: null } }), stop: () => Promise.resolve() };
}

/**
 * Starts the storefront on the port it had last time when that port is free: crawled URLs name
 * the port, and only the same URLs are found finished in the crawl state.
 */
async function startStorefront(stackDir: string, seed: number): Promise<StorefrontServer> {
  const file = path.join(stackDir, 'fixture-storefront-port');
  const saved = Number(await readFile(file, 'utf8').catch(() => '0')) || 0;
  let server: StorefrontServer;
  try {
    server = await StorefrontServer.start({ seed, products: STOREFRONT_PRODUCTS, port: saved });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    server = await StorefrontServer.start({ seed, products: STOREFRONT_PRODUCTS });
  }
  await mkdir(stackDir, { recursive: true });
  await writeFile(file, new URL(server.url).port);
  return server;
}

/**
 * Waits until the crawler's group has read the whole frontier: retries, deferred requests and
 * discovered links are appended before a batch commits, so a drained frontier is a finished
 * crawl. False when stopped first; throws the crawler's error.
 */
async function untilDrained(driver: KafkaDriver, group: string, frontier: string, failure: () => unknown, signal: AbortSignal): Promise<boolean> {
  for (;;) {
    const stopped = await sleep(500, false, { signal }).catch(() => true);
    const error = failure();
    // The consumer's errors are the drivers' typed ones; anything else is still named as the crawler's.
    if (error !== undefined) throw error instanceof Error ? error : new KafkaClientError("the crawler's frontier consumer stopped on an error", 'crawler_stopped', false, { cause: error });
    if (stopped) return false;
    if (await groupCaughtUp(driver, group, [frontier])) return true;
  }
}
