import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import type { CrawledReview } from '../../../schemas/types/crawled-review.ts';
import type { EnrichedObservation } from '../../../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../../../schemas/types/marketplace-observation.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { asinPriceHistory, asinReviewsPerDay, type AsinPriceRow, type AsinReviewDayRow } from '../../../sinks/clickhouse/kpi-queries/asin-kpis.ts';
import { categoryDistribution, priceDistribution, priceSummary } from '../../../sinks/clickhouse/kpi-queries/price-kpis.ts';
import type { GeneratedEvent } from '../../../sources/generator/generated-event.ts';
import { produceGenerated } from '../../../sources/generator/produce-generated.ts';
import { generateReviews } from '../../../sources/generator/review-generator.ts';
import { replayCsv } from '../../../sources/replay/replay-csv.ts';
import { sentimentOfReview } from '../../../streams/reviews/review-sentiment.ts';
import { marketPipelineTopology } from '../../../topology/market-pipeline-topology.ts';
import {
  csvListings,
  expectedCategoryDistribution,
  expectedPriceDistribution,
  expectedPriceSummary,
  firstOfEachListing,
  productCsv,
  type CsvListing,
} from '../../support/catalog-csv-kpis.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { expectedMovements, movements } from '../../support/observation-movements.ts';
import { produceObservations } from '../../support/produce-observations.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 3;
const HOUR_MS = 3_600_000;
// Category files that list some products twice: 80 ASINs of Cameras are in Camera Accessories too,
// 2 of STEM Toys Store in Toys Gifting Store, mostly with the same content, some with a changed
// rating count or price (a new listing). 272 rows in all.
const FILES = ['Cameras', 'Camera Accessories', 'STEM Toys Store', 'Toys Gifting Store'].map(productCsv);
const listings = csvListings(FILES);
const kept = firstOfEachListing(listings);

/** Records a running member's sub-topology took in (output, filtered or dead-lettered). */
const loadedBy = (runner: TopologyRunner, subTopology: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: subTopology });

/** Rows of a table; 0 while the pipeline has not migrated the database yet. */
async function rowsIn(client: ClickHouseClient, table: string): Promise<number> {
  try {
    const result = await client.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' });
    const [row] = await result.json<{ n: number | string }>();
    return Number(row?.n ?? 0);
  } catch {
    return 0; // not migrated yet
  }
}

/** Every query of price-kpis.ts, over the whole replay and over each hour of it, equals the computation over `expected`. */
async function assertCatalogKpisMatch(engine: SqlEngine, expected: readonly CsvListing[], what: string): Promise<void> {
  const hours = [...new Set(expected.map((l) => Math.floor(l.eventTime / HOUR_MS) * HOUR_MS))].sort((a, b) => a - b);
  const whole = { fromMs: hours[0] ?? 0, toMs: (hours.at(-1) ?? 0) + HOUR_MS };
  const ranges = [whole, ...hours.map((h) => ({ fromMs: h, toMs: h + HOUR_MS }))];
  for (const range of ranges) {
    const inRange = expected.filter((l) => l.eventTime >= range.fromMs && l.eventTime < range.toMs);
    const label = `${what}, hours ${new Date(range.fromMs).toISOString()}..${new Date(range.toMs).toISOString()}`;
    assert.deepEqual(await priceSummary(engine, { range }), expectedPriceSummary(inRange), `${label}: price summary (average and quantiles per category)`);
    assert.deepEqual(await priceDistribution(engine, { range, limit: 100_000 }), expectedPriceDistribution(inRange), `${label}: price distribution`);
    assert.deepEqual(await categoryDistribution(engine, { range }), expectedCategoryDistribution(inRange), `${label}: category distribution`);
  }
}

const driver = createKafkaDriver(config);
const serde = new AvroSerde(createSchemaRegistryClient(config));

/**
 * One describe's own topics, consumer group and ClickHouse database (dropped after it), and a
 * fresh market topology over them (a built topology runs once).
 */
function marketRun(prefix: string, withReviews = false) {
  const app = uniqueName(prefix).replaceAll('_', '-');
  const database = app.replaceAll('-', '_');
  const runConfig: ShelfstreamConfig = { ...config, clickhouse: { ...config.clickhouse, database } };
  const products = { topic: `${app}.products`, partitions: PARTITIONS };
  const observations = { topic: `${app}.observations`, partitions: PARTITIONS };
  const enrichedTopic = `${app}.enriched-observations`;
  const reviews = withReviews ? { topic: `${app}.reviews`, partitions: PARTITIONS } : undefined;
  let admin: ClickHouseClient | undefined;
  let client: ClickHouseClient | undefined;
  before(async () => {
    admin = createClickHouseClient(config);
    client = createClickHouseClient(config, database);
    const kafkaAdmin = await driver.admin();
    // A run that replays no catalog still needs its catalog topic: the runner subscribes to every input.
    await kafkaAdmin.createTopics([observations, ...(reviews === undefined ? [] : [products, reviews])]);
    await kafkaAdmin.close();
  });
  after(async () => {
    await client?.close();
    await admin?.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
    await admin?.close();
  });
  return {
    app,
    products,
    observations,
    reviews,
    enrichedTopic,
    progressTopic: `${app}.replay-progress`,
    client: (): ClickHouseClient => client ?? assert.fail('no ClickHouse client before the tests run'),
    runner: (): TopologyRunner =>
      new TopologyRunner({
        topology: marketPipelineTopology({ applicationId: app, products, observations, ...(reviews === undefined ? {} : { reviews }), enrichedObservationsTopic: enrichedTopic, serde, driver, config: runConfig }),
        driver,
        processingGuarantee: config.kafka.processingGuarantee,
      }),
  };
}

describe('the market pipeline: catalog products into ClickHouse', () => {
  const { app, products, progressTopic, client, runner: newRunner } = marketRun('it-market');

  /** Replays every file (from its first row), runs a fresh topology until it has committed `total` records, and stops it. */
  async function replayAndRun(total: number, loads: number): Promise<{ filtered: number; deadLettered: number }> {
    for (const file of FILES) await replayCsv({ files: [file], kind: 'products', topic: products.topic, driver, serde, partitions: PARTITIONS, progressTopic, fromStart: true });
    const runner = newRunner();
    await runner.start();
    try {
      assert.equal(await eventually(() => committedTotal(config, app, products.topic), (n) => n === BigInt(total), 120_000), BigInt(total), 'every product record processed');
      // The catalog topic's load: a transactional topic, whose last records may wait for the graceful stop to be checkpointed.
      assert.equal(await eventually(() => loadedBy(runner, 'load-catalog'), (n) => n === loads, 120_000), loads, 'the catalog topic loaded');
    } finally {
      await runner.stop();
    }
    const outcome = (o: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: 'catalog', outcome: o });
    return { filtered: await outcome('filtered'), deadLettered: await outcome('dead_lettered') };
  }

  it('replays real category files sharing products: each listing lands once, repeats are counted, and every price KPI equals a direct computation', async () => {
    assert.ok(kept.length < listings.length - 50, `the files repeat listings (${listings.length} rows, ${kept.length} distinct)`);
    const first = await replayAndRun(listings.length, kept.length);
    assert.deepEqual(first, { filtered: listings.length - kept.length, deadLettered: 0 }, 'every repeated listing filtered, nothing dead-lettered');
    assert.equal(await rowsIn(client(), 'catalog_products_raw'), kept.length, 'catalog_products_raw holds each distinct listing once');
    await assertCatalogKpisMatch(clientSqlEngine(client()), kept, 'after one run');

    // Every record delivered again, to a new member of the group: the dedupe store and the insert ledger keep them out.
    const second = await replayAndRun(2 * listings.length, 0);
    assert.deepEqual(second, { filtered: listings.length, deadLettered: 0 }, 'every redelivered listing filtered');
    assert.equal(await rowsIn(client(), 'catalog_products_raw'), kept.length, 'nothing inserted twice');
    await assertCatalogKpisMatch(clientSqlEngine(client()), kept, 'after the redelivery and a restart');
    assert.deepEqual(await readTopic(driver, `${app}.dead-letter`, PARTITIONS), [], 'nothing dead-lettered');
  });
});

/** Price and rank of one ASIN at minutes 10 and 40 of hours 0 to 3: two drops of 5% and more and two rank climbs of 20% and more. */
const PRICES = [10_000, 9_800, 9_000, 9_100, 9_900, 8_000, 8_000, 8_500];
const RANKS = [500, 480, 300, 310, 305, 200, null, 150];
const OBSERVED_FROM = Date.UTC(2023, 2, 19, 10, 0, 0);
const MINUTE_MS = 60_000;

function observationsOf(asin: string, scale: number): MarketplaceObservation[] {
  return PRICES.map((price, i) => ({
    ...sampleRecords['marketplace-observation'],
    asin,
    marketplace: 'IN',
    source: 'it-market-api',
    currency: 'INR',
    sales_rank_category: 'Toys & Games',
    price_minor: price * scale,
    sales_rank: RANKS[i] ?? null,
    observed_at: OBSERVED_FROM + Math.floor(i / 2) * HOUR_MS + (i % 2 === 0 ? 10 : 40) * MINUTE_MS,
  }));
}

/** asinPriceHistory's rows per hour for one ASIN's observations, computed here. */
function expectedPriceHistory(observations: readonly MarketplaceObservation[]): AsinPriceRow[] {
  const hours = new Map<number, MarketplaceObservation[]>();
  for (const o of observations) {
    const hour = Math.floor(o.observed_at / HOUR_MS) * HOUR_MS;
    hours.set(hour, [...(hours.get(hour) ?? []), o]);
  }
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([bucketStartMs, list]) => {
    const byTime = [...list].sort((a, b) => a.observed_at - b.observed_at);
    const prices = byTime.flatMap((o) => o.price_minor ?? []);
    return {
      bucketStartMs, marketplace: 'IN', currency: 'INR', observations: prices.length,
      firstMinor: prices[0] ?? 0, lastMinor: prices.at(-1) ?? 0, lowestMinor: Math.min(...prices), highestMinor: Math.max(...prices),
      averageMinor: prices.reduce((a, b) => a + b, 0) / prices.length,
    };
  });
}

describe('the market pipeline: marketplace observations compared, joined with the catalog, into ClickHouse', () => {
  const { app, products, observations, enrichedTopic, progressTopic, client, runner: newRunner } = marketRun('it-market-obs');
  const catalogFile = productCsv('Toys Gifting Store');
  const catalogListings = firstOfEachListing(csvListings([catalogFile]));
  /** Runs a fresh topology of the app until `done`, then stops it (which checkpoints what it processed). */
  async function runUntil(done: (runner: TopologyRunner) => Promise<boolean>): Promise<void> {
    const runner = newRunner();
    await runner.start();
    try {
      assert.ok(await eventually(() => done(runner), (ok) => ok, 120_000), 'the topology caught up');
    } finally {
      await runner.stop();
    }
  }

  it('flags price drops and rank jumps, joins the latest catalog entry, and loads each distinct observation once: the per-ASIN price history equals a direct computation', async () => {
    // The catalog first, so the table the join reads holds it when the observations come.
    await replayCsv({ files: [catalogFile], kind: 'products', topic: products.topic, driver, serde, partitions: PARTITIONS, progressTopic });
    await runUntil(async (runner) => (await loadedBy(runner, 'load-catalog')) === catalogListings.length);

    // Three listed products at different price levels and one the catalog lacks; the first five delivered twice, and one with a negative price.
    const asins = [...new Set(catalogListings.map((l) => l.asin))].slice(0, 3);
    const distinct = [...asins, 'B0NOTLISTD'].flatMap((asin, i) => observationsOf(asin, i + 1));
    const invalid = { ...distinct[0], price_minor: -5, observed_at: OBSERVED_FROM + 9 * HOUR_MS } as MarketplaceObservation;
    await produceObservations(driver, serde, observations.topic, [...distinct, ...distinct.slice(0, 5), invalid]);
    await runUntil(async (runner) =>
      (await committedTotal(config, app, observations.topic)) === BigInt(distinct.length + 6) &&
      (await loadedBy(runner, 'load-observations-enriched')) === distinct.length &&
      (await loadedBy(runner, 'load-observations-raw')) === distinct.length);
    assert.deepEqual([await rowsIn(client(), 'observations_enriched'), await rowsIn(client(), 'marketplace_observations_raw')], [distinct.length, distinct.length], 'each distinct observation in each table once');

    const enrichedSchema = readSchemaFile('enriched-observation');
    const enriched: EnrichedObservation[] = await Promise.all(
      (await readTopic(driver, enrichedTopic, PARTITIONS)).flatMap((r) => (r.value === null ? [] : [serde.deserialize(r.value, enrichedSchema).then((v) => ({ ...v }))])),
    );
    // The catalog topic's latest entry per ASIN is its last distinct listing in the file.
    const names = new Map(catalogListings.map((l) => [l.asin, { name: l.name }]));
    assert.deepEqual(movements(enriched), expectedMovements(distinct, names), 'each observation once, flagged against the previous one, titled from the catalog');
    assert.ok(enriched.filter((e) => e.got_cheaper).length >= 8 && enriched.filter((e) => e.rank_jump).length >= 8, 'drops and jumps were flagged');
    const [flagged] = await clientSqlEngine(client()).rows<{ cheaper: number; jumps: number }>('SELECT sum(got_cheaper) AS cheaper, sum(rank_jump) AS jumps FROM observations_enriched');
    assert.deepEqual(
      { cheaper: Number(flagged?.cheaper), jumps: Number(flagged?.jumps) },
      { cheaper: enriched.filter((e) => e.got_cheaper).length, jumps: enriched.filter((e) => e.rank_jump).length },
      'the flags landed in ClickHouse as on the enriched topic',
    );

    const engine = clientSqlEngine(client());
    const range = { fromMs: OBSERVED_FROM, toMs: OBSERVED_FROM + 4 * HOUR_MS };
    for (const asin of [...asins, 'B0NOTLISTD']) {
      assert.deepEqual(await asinPriceHistory(engine, { asin, bucket: 'hour', range }), expectedPriceHistory(distinct.filter((o) => o.asin === asin)), `price history of ${asin}`);
    }
    const dead = await readTopic(driver, `${app}.dead-letter`, PARTITIONS);
    assert.deepEqual(dead.map((d) => [d.headers[DEAD_LETTER_HEADERS.code]?.toString(), d.headers[DEAD_LETTER_HEADERS.step]?.toString()]), [['VALIDATION_FAILED', 'validate-observations']]);
  });
});

const isoDay = (days: number): string => new Date(days * 86_400_000).toISOString().slice(0, 10);

/** asinReviewsPerDay's rows for one ASIN's distinct reviews, counted here. */
function expectedReviewsPerDay(reviews: readonly CrawledReview[]): AsinReviewDayRow[] {
  const days = new Map<number, CrawledReview[]>();
  for (const r of reviews) days.set(r.review_date, [...(days.get(r.review_date) ?? []), r]);
  return [...days.entries()].sort(([a], [b]) => a - b).map(([day, list]) => {
    const byStars = [1, 2, 3, 4, 5].map((stars) => list.filter((r) => r.rating === stars).length) as [number, number, number, number, number];
    return { day: isoDay(day), reviews: list.length, byStars, averageRating: byStars.reduce((sum, n, i) => sum + (i + 1) * n, 0) / list.length };
  });
}

describe('the market pipeline: crawled reviews validated, deduplicated, scored and loaded into ClickHouse', () => {
  const { app, reviews, client, runner: newRunner } = marketRun('it-market-reviews', true);

  it('loads each distinct valid review once with its lexicon sentiment: labels and per-ASIN reviews per day equal a direct computation', async () => {
    const topic = reviews ?? assert.fail('a reviews topic');
    // About 33 hours of generated reviews, so they span days; two re-crawled an hour later (same review id) and two invalid.
    const generated = [...generateReviews({ seed: 12, count: 60, start: Date.UTC(2024, 0, 1, 12), eventsPerSecond: 0.0005 })];
    const distinct = generated.map((e) => e.value);
    const recrawled = generated.slice(0, 2).map((e) => ({ ...e, timestamp: e.timestamp + HOUR_MS, value: { ...e.value, fetched_at: e.timestamp + HOUR_MS } }));
    const first = generated[0] ?? assert.fail('generated reviews');
    const invalid: GeneratedEvent<CrawledReview>[] = [
      { ...first, value: { ...first.value, review_id: 'RINVALIDSTARS', rating: 0 } },
      { ...first, value: { ...first.value, review_id: ' ' } },
    ];
    const events = [...generated, ...recrawled, ...invalid];
    await produceGenerated({ events, schema: readSchemaFile('crawled-review'), topic: topic.topic, driver, serde, rate: 'max', partitions: PARTITIONS });

    const runner = newRunner();
    await runner.start();
    try {
      assert.ok(
        await eventually(async () => (await committedTotal(config, app, topic.topic)) === BigInt(events.length) && (await loadedBy(runner, 'reviews')) === events.length, (ok) => ok, 120_000),
        'every review processed',
      );
    } finally {
      await runner.stop();
    }
    const outcome = (o: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: 'reviews', outcome: o });
    assert.deepEqual({ filtered: await outcome('filtered'), deadLettered: await outcome('dead_lettered') }, { filtered: recrawled.length, deadLettered: invalid.length }, 'the re-crawls filtered, the invalid dead-lettered');

    const engine = clientSqlEngine(client());
    const [counts] = await engine.rows<{ n: number; ids: number }>('SELECT count() AS n, uniqExact(review_id) AS ids FROM reviews_raw');
    assert.deepEqual({ n: Number(counts?.n), ids: Number(counts?.ids) }, { n: distinct.length, ids: distinct.length }, 'each distinct review in reviews_raw once');

    const scores = await engine.rows<{ review_id: string; sentiment_score: number; sentiment: string }>('SELECT review_id, sentiment_score, sentiment FROM reviews_raw ORDER BY review_id');
    const expectedScores = distinct.map((r) => ({ review_id: r.review_id, ...sentimentOfReview(r) })).sort((a, b) => (a.review_id < b.review_id ? -1 : 1));
    assert.deepEqual(scores.map((r) => ({ review_id: r.review_id, score: r.sentiment_score, label: r.sentiment })), expectedScores, 'every review scored as the scorer scores its text');
    const labels = await engine.rows<{ sentiment: string; n: number | string }>('SELECT sentiment, count() AS n FROM reviews_raw GROUP BY sentiment ORDER BY sentiment');
    const expectedLabels = ['negative', 'neutral', 'positive'].map((label) => ({ sentiment: label, n: expectedScores.filter((s) => s.label === label).length })).filter((l) => l.n > 0);
    assert.ok(expectedLabels.length >= 2, `the generated texts have more than one sentiment (${JSON.stringify(expectedLabels)})`);
    assert.deepEqual(labels.map((l) => ({ sentiment: l.sentiment, n: Number(l.n) })), expectedLabels, 'sentiment counts per label');

    const days = distinct.map((r) => r.review_date);
    const range = { fromMs: Math.min(...days) * 86_400_000, toMs: (Math.max(...days) + 1) * 86_400_000 };
    assert.ok(range.toMs - range.fromMs >= 2 * 86_400_000, 'the reviews span days');
    for (const asin of new Set(distinct.map((r) => r.asin))) {
      assert.deepEqual(await asinReviewsPerDay(engine, { asin, range }), expectedReviewsPerDay(distinct.filter((r) => r.asin === asin)), `reviews per day of ${asin}`);
    }
    const dead = await readTopic(driver, `${app}.dead-letter`, PARTITIONS);
    assert.deepEqual(dead.map((d) => [d.headers[DEAD_LETTER_HEADERS.code]?.toString(), d.headers[DEAD_LETTER_HEADERS.step]?.toString()]), invalid.map(() => ['VALIDATION_FAILED', 'validate-reviews']));
  });
});
