import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import type { CatalogProduct } from '../../../schemas/types/catalog-product.ts';
import type { CrawledProductPage } from '../../../schemas/types/crawled-product-page.ts';
import { crawlOutcomesByHost, pagesPerHour, type HostCrawlRow } from '../../../sinks/clickhouse/kpi-queries/index.ts';
import { addRequests } from '../../../sources/crawler/add-requests.ts';
import { readOutcomes, type CrawlOutcome } from '../../../sources/crawler/crawl-state-store.ts';
import { parseFrontierRecord } from '../../../sources/crawler/crawl-request.ts';
import { crawlTopicSpecs, type CrawlTopics } from '../../../sources/crawler/crawl-topics.ts';
import { hostOf } from '../../../sources/crawler/crawl-url.ts';
import { Crawler } from '../../../sources/crawler/crawler.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { RawPageStore } from '../../../sources/crawler/raw-page-store.ts';
import type { CrawlReport } from '../../../sources/crawler/request-outcomes.ts';
import { UrlGuard } from '../../../sources/crawler/url-guard.ts';
import { storefrontCatalog } from '../../../sources/fixtures/storefront/storefront-catalog.ts';
import { productPath } from '../../../sources/fixtures/storefront/storefront-paths.ts';
import { StorefrontServer, type ServedRequest } from '../../../sources/fixtures/storefront/storefront-server.ts';
import { marketPipelineTopology } from '../../../topology/market-pipeline-topology.ts';
import { catalogProduct } from '../../support/catalog-product.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const HOUR_MS = 3_600_000;
const pageSchema = readSchemaFile('crawled-product-page');
const BLOCKED_KINDS: ReadonlySet<ServedRequest['kind']> = new Set(['captcha', 'something-went-wrong', 'service-unavailable']);

/** Produces records keyed by ASIN, Avro through the registry, as the replay and the crawler do. */
async function produceAvro<T extends { asin: string }>(driver: KafkaDriver, serde: AvroSerde, topic: string, schema: 'catalog-product' | 'crawled-product-page', values: readonly T[], at: (v: T) => number): Promise<void> {
  const encodeKey = await serde.serializer(subjectName(topic, 'key'), KEY_SCHEMA);
  const encodeValue = await serde.serializer(subjectName(topic, 'value'), readSchemaFile(schema));
  const producer = driver.producer();
  await producer.connect();
  try {
    await producer.send(topic, values.map((v) => ({ key: encodeKey(v.asin), value: encodeValue(v as never), timestamp: at(v) })));
  } finally {
    await producer.disconnect();
  }
}

/** What a page showed, without how it was fetched: two crawls of an unchanged page give the same. */
const shown = (p: CrawledProductPage): string => JSON.stringify({ ...p, fetched_at: 0, crawl_job_id: '', raw_html_key: '' });

interface CrawlRun {
  readonly reports: CrawlReport[];
  readonly blockedByHost: Record<string, number>;
  /** What the storefront answered during this crawl. */
  readonly served: readonly ServedRequest[];
}

before(() => {
  const installed = spawnSync('bash', [repoPath('docker/tools/ensure-chromium')], { encoding: 'utf8' });
  assert.equal(installed.status, 0, `ensure-chromium failed:\n${installed.stderr}`);
});

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`the market pipeline: pages crawled from the fixture storefront, joined with the catalog, and crawl health in ClickHouse (${driverName})`, () => {
    const driver = createKafkaDriver(config, driverName);
    const serde = new AvroSerde(createSchemaRegistryClient(config));
    const app = uniqueName('it-crawled-pages').replaceAll('_', '-');
    const database = app.replaceAll('-', '_');
    const runConfig: ShelfstreamConfig = { ...config, clickhouse: { ...config.clickhouse, database } };
    const topics: CrawlTopics = { frontier: `${app}.frontier`, state: `${app}.state`, products: `${app}.pages`, reviews: `${app}.reviews`, deadLetter: `${app}.crawl-dead-letters` };
    const products = { topic: `${app}.products`, partitions: PARTITIONS };
    const observations = { topic: `${app}.observations`, partitions: PARTITIONS };
    const crawl = { pages: { topic: topics.products, partitions: PARTITIONS }, state: { topic: topics.state, partitions: 1 }, frontier: { topic: topics.frontier, partitions: PARTITIONS } };
    const admin = createClickHouseClient(config);
    const client = createClickHouseClient(config, database);
    let browser: Browser;

    before(async () => {
      browser = await launchChromium();
      const kafkaAdmin = await driver.admin();
      await kafkaAdmin.createTopics([...crawlTopicSpecs(topics, PARTITIONS), products, observations]);
      await kafkaAdmin.close();
    });
    after(async () => {
      await browser.close();
      await client.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
      await admin.close();
    });

    const newRunner = (): TopologyRunner =>
      new TopologyRunner({
        topology: marketPipelineTopology({ applicationId: app, products, observations, crawl, enrichedObservationsTopic: `${app}.enriched`, serde, driver, config: runConfig }),
        driver,
        processingGuarantee: config.kafka.processingGuarantee,
      });

    async function runUntil(done: (runner: TopologyRunner) => Promise<boolean>): Promise<TopologyRunner> {
      const runner = newRunner();
      await runner.start();
      try {
        assert.ok(await eventually(() => done(runner), (ok) => ok, 180_000), 'the topology caught up');
      } finally {
        await runner.stop();
      }
      return runner;
    }
    const taken = (runner: TopologyRunner, subTopology: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: subTopology });

    /** One crawl job over `urls` to its end (every URL finished), as `shelfstream crawl run` does it. */
    async function crawlJob(store: StorefrontServer, job: string, urls: readonly string[]): Promise<CrawlRun> {
      const servedBefore = store.served.length;
      const reports: CrawlReport[] = [];
      let finished: () => void = () => undefined;
      const allFinished = new Promise<void>((resolve) => { finished = resolve; });
      const producer = driver.producer();
      await producer.connect();
      const guard = new UrlGuard({ allowPrivate: true });
      const crawler = await Crawler.start({
        driver, producer, serde, browser, guard, topics,
        rawStore: new RawPageStore(createMinioClient(config), config.s3.rawBucket),
        groupId: `${app}.crawler`,
        politeness: { maxConcurrency: 2, delayMs: 20 },
        contexts: 2,
        pagesPerContext: 5,
        timeoutMs: 15_000,
        retry: { retries: 2, initialDelayMs: 100, maxDelayMs: 300 },
        batchBudgetMs: 3_000,
        maxDepth: 0,
        onReport: (report) => {
          reports.push(report);
          const done = new Set(reports.filter((r) => r.result !== 'retry' && r.job === job).map((r) => r.url));
          if (urls.every((u) => done.has(u))) finished();
        },
      });
      try {
        await addRequests(producer, topics.frontier, job, urls, guard);
        const timeout = setTimeout(() => { finished(); }, 180_000);
        await allFinished;
        clearTimeout(timeout);
      } finally {
        await crawler.stop();
        await producer.disconnect();
      }
      const blockedByHost = Object.fromEntries(Object.entries(crawler.stats.blockedByHost).map(([host, kinds]) => [host, Object.values(kinds).reduce((a, b) => a + b, 0)]));
      return { reports, blockedByHost, served: store.served.slice(servedBefore) };
    }

    it('loads each distinct crawled page once with its catalog entry, dead-letters a broken page, and counts fetched, blocked and failed pages per host as the crawler judged them', async () => {
      // A captcha on every product's first visit, one product throttled through every attempt of the first job (given up), one 503 once.
      const [first, second, third] = storefrontCatalog({ seed: 21 }).products;
      assert.ok(first !== undefined && second !== undefined && third !== undefined);
      const storefront = await StorefrontServer.start({
        seed: 21,
        robotCheck: { firstUnder: '/dp/' },
        throttle: { paths: { [productPath(first.asin)]: [1, 2, 3] } },
        serviceUnavailable: { paths: { [productPath(second.asin)]: [2] } },
      });
      const host = hostOf(storefront.url);
      const urls = storefront.truth.products.map((p) => p.url);
      try {
        // The catalog lists every product but the third, loaded before any page arrives (the join reads the catalog as it is then).
        const listed = storefront.truth.products.filter((p) => p.asin !== third.asin).map((p, i) => catalogProduct({ asin: p.asin, name: `listed ${p.asin}`, main_category: 'electronics', sub_category: `shelf ${i}` }));
        await produceAvro<CatalogProduct>(driver, serde, products.topic, 'catalog-product', listed, () => Date.now());
        await runUntil(async (runner) => (await taken(runner, 'load-catalog')) === listed.length);

        // Two jobs over the same pages: the second re-crawls them unchanged.
        const jobs = [await crawlJob(storefront, `${app}-job-1`, urls), await crawlJob(storefront, `${app}-job-2`, urls)];
        const broken: CrawledProductPage = { ...sampleRecords['crawled-product-page'], asin: second.asin, rating: 9, fetched_at: Date.now() };
        await produceAvro<CrawledProductPage>(driver, serde, topics.products, 'crawled-product-page', [broken], (p) => p.fetched_at);

        const pageRecords = await readTopic(driver, topics.products, PARTITIONS);
        const pages = await Promise.all(pageRecords.map(async (r) => structuredClone(await serde.deserialize(r.value ?? Buffer.alloc(0), pageSchema))));
        const crawled = pages.filter((p) => p.crawl_job_id !== broken.crawl_job_id);
        const outcomes: CrawlOutcome[] = [];
        await readOutcomes(driver, topics.state, (_, o) => { if (o !== null) outcomes.push(o); });
        assert.equal(outcomes.length, 2 * urls.length, 'one outcome per job and URL');
        const requests = (await readTopic(driver, topics.frontier, PARTITIONS)).map(parseFrontierRecord);

        const runner = await runUntil(async (r) =>
          (await committedTotal(config, app, topics.products)) === BigInt(pages.length) &&
          (await committedTotal(config, app, topics.state)) === BigInt(outcomes.length) &&
          (await taken(r, 'pages')) === pages.length &&
          (await taken(r, 'crawl-outcomes')) === outcomes.length &&
          (await committedTotal(config, app, topics.frontier)) === BigInt(requests.length));

        // Each distinct page once (the second job's unchanged re-crawls filtered), joined with the catalog as it was.
        const distinct = [...new Map(crawled.map((p) => [shown(p), p])).values()];
        assert.ok(distinct.length < crawled.length, `the second job re-crawled unchanged pages (${crawled.length} events, ${distinct.length} distinct)`);
        const outcome = (o: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: 'pages', outcome: o });
        assert.deepEqual({ filtered: await outcome('filtered'), deadLettered: await outcome('dead_lettered') }, { filtered: crawled.length - distinct.length, deadLettered: 1 });
        const engine = clientSqlEngine(client);
        const rows = await engine.rows<{ asin: string; title: string | null; price_minor: number | null; best_seller_rank: number[]; catalog_name: string | null; catalog_main_category: string | null; catalog_sub_category: string | null }>(
          'SELECT asin, title, price_minor, best_seller_rank, catalog_name, catalog_main_category, catalog_sub_category FROM product_pages_raw ORDER BY asin, title, price_minor',
        );
        const byAsin = new Map(listed.map((l) => [l.asin, l]));
        const expected = distinct
          .map((p) => {
            const entry = byAsin.get(p.asin);
            return { asin: p.asin, title: p.title, price_minor: p.price_minor, best_seller_rank: p.best_seller_ranks.map((r) => r.rank), catalog_name: entry?.name ?? null, catalog_main_category: entry?.main_category ?? null, catalog_sub_category: entry?.sub_category ?? null };
          })
          .sort((a, b) => a.asin.localeCompare(b.asin) || String(a.title).localeCompare(String(b.title)) || (a.price_minor ?? 0) - (b.price_minor ?? 0));
        assert.deepEqual(rows, expected, 'product_pages_raw: each distinct page once, with its catalog entry (null for the unlisted one)');

        const fetchedAt = crawled.map((p) => p.fetched_at);
        const range = { fromMs: Math.floor(Math.min(...fetchedAt) / HOUR_MS) * HOUR_MS, toMs: (Math.floor(Math.max(...fetchedAt) / HOUR_MS) + 1) * HOUR_MS };
        const perHour = await pagesPerHour(engine, { range });
        assert.equal(perHour.reduce((n, h) => n + h.pages, 0), distinct.length, 'pages per hour add up to the pages loaded');

        // Crawl health: per host, as the crawler judged each fetch and finished each request.
        const finals = jobs.flatMap((j) => j.reports.filter((r) => r.result !== 'retry'));
        const blockedPages = jobs.flatMap((j) => [...new Set(j.served.filter((s) => BLOCKED_KINDS.has(s.kind)).map((s) => s.target))]);
        const expectedHealth: HostCrawlRow = {
          host,
          pages: finals.length,
          fetched: finals.filter((r) => r.result === 'fetched').length,
          blockedPages: blockedPages.length,
          blockedFetches: jobs.reduce((n, j) => n + (j.blockedByHost[host] ?? 0), 0),
          failed: finals.filter((r) => r.result === 'gave-up' || r.result === 'dead-lettered').length,
        };
        assert.ok(expectedHealth.blockedFetches >= urls.length + 3 && expectedHealth.failed >= 1, `blocked and failed pages were crawled (${JSON.stringify(expectedHealth)})`);
        assert.equal(expectedHealth.blockedFetches, jobs.reduce((n, j) => n + j.served.filter((s) => BLOCKED_KINDS.has(s.kind)).length, 0), 'the crawler judged every blocked answer served');
        const outcomesRange = { fromMs: range.fromMs - HOUR_MS, toMs: Date.now() + HOUR_MS };
        assert.deepEqual(await crawlOutcomesByHost(engine, { range: outcomesRange }), [expectedHealth]);

        // Every request of the frontier, retries and deferrals included, with the host it asked.
        const requestRows = await engine.rows<{ request: string }>("SELECT concat(job, ' ', url, ' ', host, ' #', toString(attempt), ' depth ', toString(depth)) AS request FROM crawl_requests_raw ORDER BY request");
        const requested = requests.map((q) => `${q.job} ${q.url} ${hostOf(q.url)} #${q.attempt} depth ${q.depth}`).sort();
        assert.deepEqual(requestRows.map((r) => r.request), requested);
        assert.ok(requests.some((q) => q.attempt > 0), 'the throttled and blocked pages were requested again');

        const dead = await readTopic(driver, `${app}.dead-letter`, PARTITIONS);
        assert.deepEqual(
          dead.map((d) => [d.headers[DEAD_LETTER_HEADERS.code]?.toString(), d.headers[DEAD_LETTER_HEADERS.step]?.toString(), d.headers[DEAD_LETTER_HEADERS.message]?.toString()]),
          [['VALIDATION_FAILED', 'validate-pages', 'rating-in-range: rating 9 is outside 1..5']],
        );
      } finally {
        await storefront.close();
      }
    });
  });
}
