import { Command, InvalidArgumentError } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver, KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import { createLogger } from '../../infra/logger.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import { addRequests } from '../../sources/crawler/add-requests.ts';
import { JOB_ID } from '../../sources/crawler/crawl-request.ts';
import { DEFAULT_CRAWL_TOPICS, type CrawlTopics } from '../../sources/crawler/crawl-topics.ts';
import { DEFAULT_CHROMIUM_PATH, launchChromium } from '../../sources/crawler/launch-chromium.ts';
import { RawPageStore } from '../../sources/crawler/raw-page-store.ts';
import { reextract } from '../../sources/crawler/reextract.ts';
import { seedUrls } from '../../sources/crawler/seed-urls.ts';
import { UrlGuard } from '../../sources/crawler/url-guard.ts';
import { configFrom } from '../global-options.ts';
import { CRAWL_RUN_DEFAULTS, createCrawlTopics, startCrawler, type CrawlRunOptions } from './start-crawler.ts';

interface TopicFlags {
  frontierTopic: string;
  stateTopic: string;
  productsTopic: string;
  reviewsTopic: string;
  deadLetterTopic: string;
  partitions: number;
}

interface RunFlags extends TopicFlags, CrawlRunOptions {
  chromium: string;
}

const DEFAULT_JOB = 'default';

export function crawlCommand(): Command {
  const add = withTopics(new Command('add'))
    .description('append crawl requests to the frontier: one URL, or a file of URLs (one a line)')
    .argument('<url|file>', 'an http(s) URL, or a file of them')
    .option('--job <id>', 'crawl job the requests belong to: URLs are fetched once per job', jobId, DEFAULT_JOB)
    .action((target: string, o: TopicFlags & { job: string }, command: Command) =>
      producing(command, o, async ({ config, producer }) => {
        const summary = await addRequests(producer, o.frontierTopic, o.job, await seedUrls(target), guardOf(config));
        console.log(JSON.stringify(summary));
        if (summary.refused.length > 0) process.exitCode = 1;
      }),
    );

  const run = withTopics(new Command('run'))
    .description('crawl the frontier with headless Chromium until SIGTERM: politely, resumably, raw pages to the object store and events to Kafka')
    .option('--group <id>', 'consumer group of the crawlers sharing the frontier', 'shelfstream-crawler')
    .option('--chromium <path>', 'Chromium executable (Debian\'s; never downloaded)', DEFAULT_CHROMIUM_PATH)
    .option('--contexts <n>', 'browser contexts open at once (pages in flight)', positiveInt, CRAWL_RUN_DEFAULTS.contexts)
    .option('--pages-per-context <n>', 'pages a browser context serves before it is replaced', positiveInt, CRAWL_RUN_DEFAULTS.pagesPerContext)
    .option('--host-concurrency <n>', 'requests in flight per host', positiveInt, CRAWL_RUN_DEFAULTS.hostConcurrency)
    .option('--host-delay <ms>', 'least time between two requests to a host (a longer robots.txt Crawl-delay wins)', wholeNumber, CRAWL_RUN_DEFAULTS.hostDelay)
    .option('--timeout <ms>', 'per request: robots.txt, each redirect hop, the page', positiveInt, CRAWL_RUN_DEFAULTS.timeout)
    .option('--retries <n>', 'attempts after the first for throttled, robot-checked and unreachable pages', wholeNumber, CRAWL_RUN_DEFAULTS.retries)
    .option('--retry-delay <ms>', 'backoff before the first retry; doubled per retry, with jitter', positiveInt, CRAWL_RUN_DEFAULTS.retryDelay)
    .option('--retry-max-delay <ms>', 'longest backoff', positiveInt, CRAWL_RUN_DEFAULTS.retryMaxDelay)
    .option('--max-depth <n>', 'links followed from a seed at most', wholeNumber, CRAWL_RUN_DEFAULTS.maxDepth)
    .action((o: RunFlags, command: Command) =>
      producing(command, o, async ({ config, driver, producer }) => {
        const log = createLogger(config, 'crawl');
        const browser = await launchChromium(o.chromium);
        try {
          const stopped = new Promise<string>((resolve) => {
            process.once('SIGINT', () => { resolve('SIGINT'); });
            process.once('SIGTERM', () => { resolve('SIGTERM'); });
          });
          let failure: Error | undefined;
          let crash: (reason: string) => void = () => undefined;
          const crashed = new Promise<string>((resolve) => { crash = resolve; });
          const crawler = await startCrawler({
            config,
            driver,
            producer,
            serde: new AvroSerde(createSchemaRegistryClient(config)),
            browser,
            guard: guardOf(config),
            topics: topicsOf(o),
            run: o,
            log,
            onError: (error) => {
              failure = error instanceof Error ? error : new Error(describeCause(error));
              crash('the frontier consumer failed');
            },
          });
          log.info({ chromium: o.chromium, group: o.group, frontier: o.frontierTopic }, 'crawling');
          const reason = await Promise.race([stopped, crashed]);
          log.info({ reason }, 'stopping: pages in flight finish, waiting requests go back to the frontier');
          await crawler.stop();
          console.log(JSON.stringify(crawler.stats));
          if (failure !== undefined) throw failure;
        } finally {
          await browser.close();
        }
      }),
    );

  const again = withTopics(new Command('reextract'))
    .description('run extraction again over the raw pages in the object store and write the events again')
    .option('--job <id>', 'only the pages of this crawl job', jobId)
    .option('--since <date>', 'only pages fetched on or after this UTC day (YYYY-MM-DD)', utcDay)
    .action((o: TopicFlags & { job?: string; since?: string }, command: Command) =>
      producing(command, o, async ({ config, producer }) => {
        const summary = await reextract({
          rawStore: new RawPageStore(createMinioClient(config), config.s3.rawBucket),
          serde: new AvroSerde(createSchemaRegistryClient(config)),
          producer,
          topics: topicsOf(o),
          ...(o.job === undefined ? {} : { job: o.job }),
          ...(o.since === undefined ? {} : { since: o.since }),
        });
        console.log(JSON.stringify(summary));
      }),
    );

  return new Command('crawl')
    .description('the Playwright crawler: a Kafka frontier of requests, raw pages in the object store, Avro events')
    .addCommand(add)
    .addCommand(run)
    .addCommand(again);
}

function withTopics(command: Command): Command {
  const t = DEFAULT_CRAWL_TOPICS;
  return command
    .option('--frontier-topic <topic>', 'crawl requests', t.frontier)
    .option('--state-topic <topic>', 'final outcome per job and URL (compacted)', t.state)
    .option('--products-topic <topic>', 'CrawledProductPage events', t.products)
    .option('--reviews-topic <topic>', 'CrawledReview events', t.reviews)
    .option('--dead-letter-topic <topic>', 'pages that gave no data, with their raw HTML key', t.deadLetter)
    .option('--partitions <n>', 'partitions of the topics when this command creates them', positiveInt, 3);
}

function topicsOf(o: TopicFlags): CrawlTopics {
  return { frontier: o.frontierTopic, state: o.stateTopic, products: o.productsTopic, reviews: o.reviewsTopic, deadLetter: o.deadLetterTopic };
}

interface Producing {
  config: ShelfstreamConfig;
  driver: KafkaDriver;
  producer: KafkaProducer;
}

/** Every crawl subcommand: creates the crawl topics, then works with a producer it disconnects after. */
async function producing(command: Command, o: TopicFlags, work: (opened: Producing) => Promise<void>): Promise<void> {
  const config = configFrom(command);
  const driver = createKafkaDriver(config);
  await createCrawlTopics(driver, topicsOf(o), o.partitions);
  const producer = driver.producer();
  try {
    await producer.connect();
    await work({ config, driver, producer });
  } finally {
    await producer.disconnect();
  }
}

function guardOf(config: ShelfstreamConfig): UrlGuard {
  return new UrlGuard({ allowPrivate: config.crawler.allowPrivateAddresses });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!(Number.isSafeInteger(n) && n > 0)) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function jobId(value: string): string {
  if (!JOB_ID.test(value)) throw new InvalidArgumentError('expected letters, digits, ".", "-" and "_" (at most 128)');
  return value;
}

function utcDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new InvalidArgumentError('expected a day as YYYY-MM-DD');
  return value;
}
