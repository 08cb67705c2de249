import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { rebuildMainJob } from '../../../cli/commands/rebuild-command.ts';
import { runMainJob, type MainJobReport } from '../../../cli/main-job.ts';
import { mainJobGroups } from '../../../cli/wipe-main-job.ts';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { sql } from '../../../infra/clickhouse/sql-literal.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../../../infra/iceberg/iceberg-types.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { deleteConsumerGroups } from '../../../infra/kafka/delete-consumer-groups.ts';
import { kafkaConnection } from '../../../infra/kafka/kafka-connection.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import type { CrawledReview } from '../../../schemas/types/crawled-review.ts';
import type { EnrichedObservation } from '../../../schemas/types/enriched-observation.ts';
import { readOutcomes } from '../../../sources/crawler/crawl-state-store.ts';
import { MarketplaceApiCatalog } from '../../../sources/fixtures/marketplace-api/marketplace-api-catalog.ts';
import { syntheticCatalog } from '../../../sources/generator/synthetic-catalog.ts';
import { salesEventTime } from '../../../sources/replay/replay-event-time.ts';
import { orderStatusOf, paymentMethodOf } from '../../../sources/replay/sales-csv-format.ts';
import { readProgressAnnouncement } from '../../../streams/progress-announcement.ts';
import { sentimentOfReview } from '../../../streams/reviews/review-sentiment.ts';
import { mainJobNames, mainJobRawTopics, mainJobTables, salesApplicationId, type MainJobNames } from '../../../topology/main-job-names.ts';
import { reconcileMainJob, reconciledTopics, type MainJobReconciliation } from '../../../topology/main-job-reconciliation.ts';
import { marketInternalTopics } from '../../../topology/market-pipeline-topology.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { mainJobResults } from '../../support/main-job-results.ts';
import { expectedAsinMovement, expectedAsinReviewDays, expectedCategoryPrices, latestMovement } from '../../support/expected-asin-windows.ts';
import { expectedSalesWindows, type TimedSale } from '../../support/expected-sales-windows.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { ReconcilePageSession } from '../../support/reconcile-page.ts';
import { repoPath } from '../../support/repo-path.ts';
import { runCli } from '../../support/run-cli.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const scratch: string[] = [];
const databases: string[] = [];
const icebergTables: TableIdentifier[] = [];
const prefixes: string[] = [];
const reconcilePages: ReconcilePageSession[] = [];
/** The fixture API's feed as the main job serves it (seed and size of cli/main-job-sources.ts): the items the poller can map. */
const POLLABLE = new MarketplaceApiCatalog({ seed: 2024, items: 120 }).items.filter((i) => i.defect === null).length;

/** Every value of a topic, decoded with `schema`. */
async function valuesOn<T>(config: ShelfstreamConfig, topic: string, schema: Parameters<AvroSerde['deserialize']>[1]): Promise<T[]> {
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const records = await readTopic(createKafkaDriver(config), topic, 3);
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [serde.deserialize(r.value, schema).then((v) => ({ ...(v as object) }) as T)])));
}

/** The distinct ASINs of the product pages the crawler wrote, and the final outcomes in its crawl state. */
async function crawlOnTopics(config: ShelfstreamConfig, names: MainJobNames): Promise<{ asins: number; outcomes: number }> {
  const pages = await valuesOn<{ asin: string }>(config, names.crawlTopics.products, readSchemaFile('crawled-product-page'));
  // Job and URL are the key; a later tombstone forgets the outcome for the crawler, not for crawl health.
  const finished = new Set<string>();
  await readOutcomes(createKafkaDriver(config), names.crawlTopics.state, (key, outcome) => { if (outcome !== null) finished.add(key); });
  return { asins: new Set(pages.map((p) => p.asin)).size, outcomes: finished.size };
}

/** Revenue and order count per `day|category|country|currency`, summed straight from the CSV's rows. */
function directSums(csv: string): Map<string, { minor: number; orders: number }> {
  const rows = parse<Record<string, string>>(readFileSync(csv), { columns: true });
  const sums = new Map<string, { minor: number; orders: number }>();
  for (const row of rows) {
    // The sample's amounts are US dollars with two decimals (see SALES_CSV_CURRENCY).
    const key = [row.OrderDate, row.Category, row.Country, 'USD'].join('|');
    const sum = sums.get(key) ?? { minor: 0, orders: 0 };
    sums.set(key, { minor: sum.minor + Math.round(Number(row.TotalAmount) * 100), orders: sum.orders + 1 });
  }
  return sums;
}

/**
 * The CSV's orders as the sales windows count them, straight from its columns: amounts in cents
 * (US dollars, as directSums reads them), the discount fraction in basis points, and each order at
 * the time of its day the replay gives it (a hash of its id).
 */
function salesOfCsv(csv: string): TimedSale[] {
  const rows = parse<Record<string, string>>(readFileSync(csv), { columns: true });
  return rows.map((row) => {
    const status = orderStatusOf(row.OrderStatus ?? '');
    return {
      category: row.Category ?? '',
      country: row.Country ?? '',
      paymentMethod: paymentMethodOf(row.PaymentMethod ?? ''),
      currency: 'USD',
      quantity: Number(row.Quantity),
      unitPriceMinor: Math.round(Number(row.UnitPrice) * 100),
      discountBps: Math.round(Number(row.Discount || '0') * 10_000),
      lost: status === 'CANCELLED' || status === 'RETURNED',
      timestamp: salesEventTime({ order_id: row.OrderID ?? '', order_date: Date.parse(`${row.OrderDate ?? ''}T00:00:00Z`) / 86_400_000 }),
    };
  });
}

function ordersByCategory(report: MainJobReport): Record<string, number> {
  const orders: Record<string, number> = {};
  for (const w of report.windows) orders[w.category] = (orders[w.category] ?? 0) + w.orders;
  return orders;
}

const reported = (report: MainJobReport) =>
  new Map(report.windows.map((w) => [[w.day, w.category, w.country, w.currency].join('|'), { minor: w.minor, orders: w.orders }]));

function assertNoDifference(result: MainJobReconciliation, orders: number): void {
  assert.equal(result.differs, false, JSON.stringify(result, null, 1).slice(0, 4000));
  assert.equal(result.sales.partitions.reduce((sum, p) => sum + p.sourceOrders, 0), orders);
  for (const p of result.sales.partitions) assert.deepEqual(Object.values(p.sinks), [p.sourceOrders, p.sourceOrders, p.sourceOrders, p.sourceOrders]);
  assert.equal(result.sales.days.length, 3, 'the sample spans three days');
  const loads = ['catalog-products', 'observations-raw', 'observations-enriched', 'reviews', 'product-pages', 'crawl-outcomes', 'crawl-requests'].map((l) => `clickhouse-${l}`);
  assert.deepEqual([...new Set(result.market.partitions.map((p) => p.sink))].sort(), loads.sort(), 'every market load reconciled');
  assert.ok(result.market.partitions.some((p) => p.sink === 'clickhouse-crawl-requests' && p.rows > 0), 'the crawl frontier was loaded');
  for (const p of result.market.partitions) assert.equal(p.rows, p.expected, `${p.sink} partition ${p.partition}`);
  assert.equal(result.gold.length, 6, 'every gold table reconciled: revenue, sales per minute and per hour, and the three market windows');
  assert.ok(result.gold.every((g) => g.windows > 0 && g.rows === g.windows), JSON.stringify(result.gold.map((g) => [g.table, g.windows, g.rows])));
}

/**
 * The main job end to end, from empty topics, database and tables: a bounded run
 * checked sink by sink against computations over its inputs; a second run that adds nothing;
 * reconcile without a difference; a rebuild from the log with equal results; and reconcile tracing
 * rows deleted or doubled behind the pipeline's back to their offsets.
 */
async function mainJobEndToEnd(): Promise<void> {
  const id = uniqueName('it-main-job').replaceAll('_', '-');
  prefixes.push(id);
  // Its own ClickHouse database, so the KPIs are this run's only.
  const config: ShelfstreamConfig = { ...base, clickhouse: { ...base.clickhouse, database: id.replaceAll('-', '_') } };
  databases.push(config.clickhouse.database);
  const stackDir = await mkdtemp(path.join(tmpdir(), 'shelfstream-main-job-'));
  scratch.push(stackDir);
  const names: MainJobNames = mainJobNames(id);
  icebergTables.push(...mainJobTables(names));

  const first = await runMainJob(config, stackDir, () => undefined, names);

  // The sales: every day final and equal to direct sums of the CSV; each order once in ClickHouse, its KPIs and the silver table.
  const expected = directSums(first.sample);
  const days = new Set([...expected.keys()].map((k) => k.split('|')[0]));
  assert.equal(days.size, 3, 'the sample spans three days');
  assert.deepEqual(first.outcomes, { output: first.replay.produced, filtered: 0, dead_lettered: 0, late: 0 });
  assert.deepEqual({ final: first.finalWindows, open: first.openWindows }, { final: expected.size, open: 0 }, 'the end of the input closed every window');
  assert.deepEqual(reported(first), expected);
  assert.deepEqual(new Set(first.revenueByDay.map((r) => r.of)), days);
  assert.ok(first.migrationsApplied.length > 0, 'the first run migrated its empty ClickHouse database');
  const orders = first.replay.produced;
  assert.deepEqual([first.sinks.clickhouseOrders, first.sinks.kpiOrders, first.sinks.icebergRows], [orders, orders, orders]);
  assert.equal(first.sinks.goldRows, first.windows.length, 'the gold table holds each window once, early results replaced by the final one');
  assert.deepEqual(first.sinks.kpiOrdersByCategory, ordersByCategory(first), 'ClickHouse KPIs count the orders per category the revenue topology counts');
  // The market pipeline: the generated catalog's products once each, and every generated and polled observation enriched once.
  const { crawl, poll } = first.sources;
  assert.equal(poll.observations, POLLABLE, "the poller wrote every mappable item of the fixture API's feed");
  assert.deepEqual([first.sinks.catalogRows, first.sinks.observationRows, first.sinks.polledObservationRows], [syntheticCatalog(2024).products.length, 3_000 + POLLABLE, POLLABLE]);
  assert.ok(first.sinks.priceDrops > 0, 'some observations flagged as price drops');
  // Per-ASIN price and rank history: the movement gold table equals a direct computation over the enriched observations.
  const enriched = await valuesOn<EnrichedObservation>(config, names.enrichedObservationsTopic, readSchemaFile('enriched-observation'));
  const before = await mainJobResults(config, names);
  const { movement, categoryPrices, reviewDays } = before;
  assert.equal(before.joined.observations?.listed, 3_000, "every generated observation joined its listing: the catalog is replayed first and the join reads it whole");
  assert.deepEqual(sortedEntries(latestMovement(movement as unknown as Parameters<typeof latestMovement>[0])), sortedEntries(expectedAsinMovement(enriched)));
  assert.equal(first.sinks.movementGoldRows, movement.length);
  assert.deepEqual(sortedEntries(latestMovement(categoryPrices as unknown as Parameters<typeof latestMovement>[0])), sortedEntries(expectedCategoryPrices(enriched)));
  assert.equal(first.sinks.categoryPricesGoldRows, categoryPrices.length);
  // Sales KPIs per minute and per hour by category, country, payment method and currency: each gold
  // table equals a direct computation over the CSV, every window final, nothing late.
  const sales = salesOfCsv(first.sample);
  assert.equal((await readTopic(createKafkaDriver(config), `${salesApplicationId(names)}.late`, 3)).length, 0, 'no order late for the sales windows');
  for (const [period, table, rows] of [['minute', before.salesPerMinute, first.sinks.salesPerMinuteGoldRows], ['hour', before.salesPerHour, first.sinks.salesPerHourGoldRows]] as const) {
    assert.deepEqual(sortedEntries(latestMovement(table as unknown as Parameters<typeof latestMovement>[0])), sortedEntries(expectedSalesWindows(sales, period)), `sales per ${period}`);
    assert.ok(table.every((w) => w.is_final === true), `the end of the input closed every sales window per ${period}`);
    assert.equal(rows, table.length);
  }
  // Bronze: every event of each raw topic as received, control records (end-of-input announcements) aside.
  const events = async (topic: string) => (await readTopic(createKafkaDriver(config), topic, 3)).filter((r) => readProgressAnnouncement(r) === undefined).length;
  const rawEvents = Object.fromEntries(await Promise.all(mainJobRawTopics(names).map(async (topic) => [topic, await events(topic)] as const)));
  assert.deepEqual(first.sinks.bronzeRows, rawEvents);
  // The crawl: each distinct review once in ClickHouse with the lexicon's label, each page and final outcome once.
  assert.ok(crawl !== null && crawl.pages > 0 && crawl.reviews > 0, `the fixture storefront was crawled: ${JSON.stringify(crawl)}`);
  const reviews = await valuesOn<CrawledReview>(config, names.crawlTopics.reviews, readSchemaFile('crawled-review'));
  assert.equal(reviews.length, crawl.reviews, 'the reviews topic holds what the crawler counted');
  const distinctReviews = [...new Map(reviews.map((r) => [r.review_id, r])).values()];
  const labels: Record<string, number> = {};
  for (const r of distinctReviews) labels[sentimentOfReview(r).label] = (labels[sentimentOfReview(r).label] ?? 0) + 1;
  assert.equal(first.sinks.reviewRows, distinctReviews.length);
  assert.deepEqual(first.sinks.reviewsBySentiment, Object.fromEntries(Object.entries(labels).sort()), 'sentiment counts equal the lexicon over the distinct reviews');
  // Nothing late for any window of the market pipeline, so every window holds every event it should.
  assert.equal((await readTopic(createKafkaDriver(config), `${names.applicationId}-market.late`, 3)).length, 0, 'no observation or review late');
  // Per-ASIN review velocity and rating per day written: the gold table equals a direct computation over the distinct reviews.
  assert.deepEqual(sortedEntries(latestMovement(reviewDays as unknown as Parameters<typeof latestMovement>[0])), sortedEntries(expectedAsinReviewDays(distinctReviews)));
  assert.equal(first.sinks.reviewDaysGoldRows, reviewDays.length);
  const onTopics = await crawlOnTopics(config, names);
  assert.deepEqual([first.sinks.pageRows, first.sinks.crawlOutcomeRows], [onTopics.asins, onTopics.outcomes], 'every crawled page and crawl outcome once in ClickHouse');
  assert.ok(onTopics.asins > 0 && onTopics.outcomes >= onTopics.asins, `pages and outcomes were crawled: ${JSON.stringify(onTopics)}`);
  assertNoDifference(await reconcileMainJob(config, names), orders);

  // A second run finds nothing new.
  const output = (await readTopic(createKafkaDriver(config), names.outputTopic, 3)).length;
  const second = await runMainJob(config, stackDir, () => undefined, names);
  assert.deepEqual([second.sources.crawl?.pages, second.sources.crawl?.reviews, second.sources.poll.observations], [0, 0, 0], 'nothing crawled or polled again');
  assert.deepEqual({ produced: second.replay.produced, skipped: second.replay.skipped }, { produced: 0, skipped: first.replay.rowsRead });
  assert.deepEqual(reported(second), expected);
  assert.deepEqual(second.migrationsApplied, [], 'the second run found the schema up to date');
  assert.deepEqual(second.sinks, first.sinks, 'a second run adds nothing to ClickHouse or Iceberg');
  assert.equal((await readTopic(createKafkaDriver(config), names.outputTopic, 3)).length, output, 'a second run adds nothing');

  // Rebuild from the log: every derived topic, table and group wiped, the inputs kept; the results equal the first run's.
  const { wiped, report: rebuilt } = await rebuildMainJob(config, stackDir, () => undefined, names);
  for (const input of [names.ordersTopic, names.productsTopic, names.observationsTopic, names.crawlTopics.reviews]) assert.ok(!wiped.topics.includes(input), `the input ${input} is never wiped`);
  assert.ok([names.enrichedTopic, names.salesPerMinuteTopic, names.salesPerHourTopic, names.outputTopic, names.movementTopic, names.reviewDaysTopic, names.categoryPricesTopic].every((t) => wiped.topics.includes(t)), wiped.topics.join(', '));
  assert.ok(wiped.topics.some((t) => t.endsWith('.changelog')), 'changelogs are wiped');
  for (const table of ['orders_raw', 'orders_enriched', 'sales_kpis_minute', 'sales_kpis_hour', 'catalog_products_raw', 'observations_enriched', 'reviews_raw', 'shelfstream_insert_ledger']) {
    assert.ok(wiped.clickhouseTables.includes(table), `${table} is wiped: ${wiped.clickhouseTables.join(', ')}`);
  }
  assert.ok(!wiped.clickhouseTables.includes('schema_migrations'), 'the migrations table is kept');
  assert.equal(wiped.icebergTables.length, mainJobTables(names).length);
  assert.deepEqual({ produced: rebuilt.replay.produced, skipped: rebuilt.replay.skipped }, { produced: 0, skipped: first.replay.rowsRead }, 'the orders were read again, not produced again');
  assert.deepEqual(rebuilt.sinks, first.sinks, 'the rebuilt sinks hold what the first run left');
  assert.deepEqual(rebuilt.windows, first.windows);
  assert.deepEqual(await mainJobResults(config, names), before, "KPIs, gold windows, market tables and what the catalog joins gave equal the first run's");
  const agreed = await reconcileMainJob(config, names);
  assertNoDifference(agreed, orders);
  // The console's Reconcile page runs the same reconciliation.
  const reconcilePage = await ReconcilePageSession.open(config);
  reconcilePages.push(reconcilePage);
  assert.deepEqual(await reconcilePage.shows(id, agreed, 'reconcile-agreed'), [], 'the page lists no difference');
  await reconcilePage.showsNoMainJob(`${id}-none`);
  await reconcilePage.showsClickHouseDown(id);

  // Break ClickHouse behind the pipeline's back: two orders of one source partition deleted from
  // orders_enriched (a mutation on 18.16), one order of another partition inserted again into
  // orders_raw, one catalog listing deleted and one enriched observation inserted again.
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const source = new Map<string, { partition: number; offset: string }>();
  for (const r of await readTopic(createKafkaDriver(config), names.ordersTopic, 3)) {
    if (r.key !== null && readProgressAnnouncement(r) === undefined) source.set(await serde.deserialize(r.key, KEY_SCHEMA), { partition: r.partition, offset: r.offset });
  }
  const inPartition = (p: number) => [...source].filter(([, o]) => o.partition === p).map(([orderId]) => orderId).sort();
  const deleted = inPartition(1).slice(0, 2);
  const [doubled = ''] = inPartition(2);
  const catalogTopic = marketInternalTopics(`${names.applicationId}-market`).catalog;
  const client = createClickHouseClient(config, config.clickhouse.database);
  const engine = clientSqlEngine(client);
  const [listing] = await engine.rows<{ p: number; o: string }>(sql`SELECT kafka_partition AS p, toString(kafka_offset) AS o FROM catalog_products_raw WHERE kafka_topic = ${catalogTopic} ORDER BY p, kafka_offset LIMIT 1`);
  const [observation] = await engine.rows<{ p: number; o: string }>('SELECT kafka_partition AS p, toString(kafka_offset) AS o FROM observations_enriched ORDER BY p DESC, kafka_offset LIMIT 1');
  assert.ok(listing !== undefined && observation !== undefined);
  await engine.execute(sql`ALTER TABLE orders_enriched DELETE WHERE has(${deleted}, order_id)`);
  await engine.execute(sql`ALTER TABLE catalog_products_raw DELETE WHERE kafka_partition = ${listing.p} AND kafka_offset = ${Number(listing.o)}`);
  await engine.execute(sql`INSERT INTO orders_raw SELECT * FROM orders_raw WHERE order_id = ${doubled}`);
  await engine.execute(sql`INSERT INTO observations_enriched SELECT * FROM observations_enriched WHERE kafka_partition = ${observation.p} AND kafka_offset = ${Number(observation.o)}`);
  const left = await eventually(
    async () => (await engine.rows<{ n: number }>(sql`SELECT (SELECT count() FROM orders_enriched WHERE has(${deleted}, order_id)) + (SELECT count() FROM catalog_products_raw WHERE kafka_partition = ${listing.p} AND kafka_offset = ${Number(listing.o)}) AS n`))[0]?.n,
    (n) => Number(n) === 0,
  );
  await client.close();
  assert.equal(Number(left), 0, 'the delete mutations finished');

  const offsets = (ids: readonly string[]) => ids.map((orderId) => source.get(orderId)?.offset ?? '').sort((a, b) => Number(a) - Number(b));
  const broken = await reconcileMainJob(config, names);
  assert.equal(broken.differs, true);
  assert.deepEqual(
    broken.sales.partitions.map((p) => ({ partition: p.partition, differences: p.differences })),
    [
      { partition: 0, differences: [] },
      { partition: 1, differences: [{ sink: 'clickhouse-orders-enriched', missing: offsets(deleted), doubled: [] }] },
      { partition: 2, differences: [{ sink: 'clickhouse-orders-raw', missing: [], doubled: offsets([doubled]) }] },
    ],
  );
  assert.deepEqual(broken.sales.days.filter((d) => d.differs), [], 'per day the sinks still agree: the KPIs were derived at insert');
  assert.deepEqual(
    broken.market.partitions.filter((p) => p.missing.length + p.doubled.length + p.strays.length > 0).map((p) => ({ sink: p.sink, partition: p.partition, missing: p.missing, doubled: p.doubled })),
    [
      { sink: 'clickhouse-catalog-products', partition: listing.p, missing: [listing.o], doubled: [] },
      { sink: 'clickhouse-observations-enriched', partition: observation.p, missing: [], doubled: [observation.o] },
    ],
  );

  // The command says so too, with exit code 1 and the offsets.
  const cli = await runCli(['reconcile', '--prefix', id], { SHELFSTREAM_CLICKHOUSE_DATABASE: config.clickhouse.database });
  assert.equal(cli.code, 1, cli.stderr);
  assert.match(cli.stdout, new RegExp(`partition 1: clickhouse-orders-enriched lacks the orders at offsets ${offsets(deleted).join(', ')}`));
  assert.match(cli.stdout, new RegExp(`partition 2: clickhouse-orders-raw holds more than once the orders at offsets ${offsets([doubled]).join(', ')}`));
  assert.match(cli.stdout, new RegExp(`clickhouse-catalog-products lacks ${catalogTopic.replaceAll('.', '\\.')} partition ${listing.p} offsets ${listing.o}\\b`));
  // A prefix nothing ran under: one line saying so, before any topic is read.
  const none = await runCli(['reconcile', '--prefix', `${id}-none`]);
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, new RegExp(`^no main job to reconcile under the prefix ${id}-none: ${reconciledTopics(mainJobNames(`${id}-none`)).length} of its topics are missing`));

  // And the page: the same numbers, the broken partitions and loads flagged, traced to the same offsets.
  assert.deepEqual(await reconcilePage.shows(id, broken, 'reconcile', { readme: true }), [
    `partition 1: clickhouse-orders-enriched lacks the orders at offsets ${offsets(deleted).join(', ')}`,
    `partition 2: clickhouse-orders-raw holds more than once the orders at offsets ${offsets([doubled]).join(', ')}`,
    `clickhouse-catalog-products lacks ${catalogTopic} partition ${listing.p} offsets ${listing.o}`,
    `clickhouse-observations-enriched holds more than once ${names.enrichedObservationsTopic} partition ${observation.p} offsets ${observation.o}`,
  ]);
}

const sortedEntries = (figures: object) => Object.entries(figures).sort(([a], [b]) => a.localeCompare(b));

before(() => {
  // A fresh machine gets Debian's chromium here, for the crawl; one that has it returns at once.
  const installed = spawnSync('bash', [repoPath('docker/tools/ensure-chromium')], { encoding: 'utf8' });
  assert.equal(installed.status, 0, `ensure-chromium failed:\n${installed.stderr}`);
});

// On the default driver: each topology and pipeline runs on node-rdkafka in its own suite
// (runtime/, pipeline/), and a bounded run on node-rdkafka costs minutes.
describe('the main job end to end (shelfstream run --once, rebuild, reconcile) on the bundled sample, the fixture storefront and the fixture API', () => {
  after(async () => {
    await Promise.all(reconcilePages.map((page) => page.close()));
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
    const admin = createClickHouseClient(base);
    for (const database of databases) await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
    await admin.close();
    await dropIcebergTables(new IcebergRestCatalog({ url: base.iceberg.catalogUrl, timeoutMs: 30_000 }), icebergTables);
    await deleteConsumerGroups(kafkaConnection(base), prefixes.flatMap((prefix) => mainJobGroups(mainJobNames(prefix))));
    const kafka = await createKafkaDriver(base).admin();
    await kafka.deleteTopics((await kafka.listTopics()).filter((topic) => prefixes.some((prefix) => topic.startsWith(prefix))));
    await kafka.close();
  });

  it('lands every sink equal to a computation over the inputs, adds nothing on a second run, rebuilds equal from the log, and reconciles, tracing broken rows to their offsets', () => mainJobEndToEnd());
});
