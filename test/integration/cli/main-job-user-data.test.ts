import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { rebuildMainJob } from '../../../cli/commands/rebuild-command.ts';
import { resolveMainJobInputs } from '../../../cli/main-job-inputs.ts';
import { runMainJob, type MainJobReport } from '../../../cli/main-job.ts';
import { mainJobGroups } from '../../../cli/wipe-main-job.ts';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { deleteConsumerGroups } from '../../../infra/kafka/delete-consumer-groups.ts';
import { kafkaConnection } from '../../../infra/kafka/kafka-connection.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { asinInPath } from '../../../sources/crawler/extract/find-asin.ts';
import { renderCaptchaPage } from '../../../sources/fixtures/storefront/render-error-pages.ts';
import { mainJobNames, mainJobTables, type MainJobNames } from '../../../topology/main-job-names.ts';
import { reconcileMainJob } from '../../../topology/main-job-reconciliation.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { mainJobResults } from '../../support/main-job-results.ts';
import { readTopic } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { uniqueName } from '../../support/unique-name.ts';

/** Real exports beside the repository (../shared/data/README.md), read in place, never copied. */
const DATA = repoPath('..', 'shared', 'data');
const SALES = path.join(DATA, 'amazon-sales-orders', 'Amazon_sales_sample_90rows.csv');
/** Three appliance files: one main category, so a product listed under several of them is the same listing. */
const PRODUCTS = ['All Appliances.csv', 'Kitchen and Home Appliances.csv', 'Air Conditioners.csv'].map((f) => path.join(DATA, 'amazon-products-in-2023', f));
const PAGES = path.join(DATA, 'amazon-html-pages');

const base = loadConfig();

const csvRows = (file: string) => parse<Record<string, string>>(readFileSync(file), { columns: true, bom: true });

/** The sales CSV's rows that the order rules accept, by order id, with their quantity and unit price in cents as given. */
function validOrders(): Map<string, string> {
  const orders = new Map<string, string>();
  for (const row of csvRows(SALES)) {
    const amounts = [row.UnitPrice, row.Tax, row.ShippingCost, row.TotalAmount].map(Number);
    const discount = Number(row.Discount);
    if (!(Number(row.Quantity) > 0 && amounts.every((a) => a >= 0) && discount >= 0 && discount <= 1 && (row.Category ?? '').trim() !== '')) continue;
    orders.set(row.OrderID ?? '', `${row.Quantity} x ${Math.round(Number(row.UnitPrice) * 100)}`);
  }
  return orders;
}

/** The product files' distinct listings: one per ASIN and what is said of the product, wherever it was listed. */
function distinctListings(): { rows: number; listings: Set<string>; asins: Set<string> } {
  const rows = PRODUCTS.flatMap(csvRows);
  const listings = new Set<string>();
  const asins = new Set<string>();
  for (const row of rows) {
    const asin = asinInPath(row.link);
    if (asin === undefined) continue;
    asins.add(asin);
    listings.add(JSON.stringify([asin, row.name, row.main_category, row.ratings, row.no_of_ratings, row.discount_price, row.actual_price]));
  }
  return { rows: rows.length, listings, asins };
}

const verdicts = (report: MainJobReport) => Object.fromEntries(report.pages.map((p) => [path.basename(p.file), p.asin === null ? p.verdict : `${p.verdict} ${p.asin}`]));

/** One run of the whole story on one driver, in its own topics, database and tables. */
function userDataSuite(driver: ShelfstreamConfig['kafka']['driver']): void {
  const id = uniqueName(`it-user-data-${driver}`).replaceAll('_', '-');
  const names: MainJobNames = mainJobNames(id);
  const config: ShelfstreamConfig = { ...base, kafka: { ...base.kafka, driver }, clickhouse: { ...base.clickhouse, database: id.replaceAll('-', '_') } };
  const scratch: string[] = [];
  const rawKeys: string[] = [];

  async function query<T>(sql: string): Promise<T[]> {
    const client = createClickHouseClient(config, config.clickhouse.database);
    try {
      return await clientSqlEngine(client).rows<T>(sql);
    } finally {
      await client.close();
    }
  }

  /** Records per topic the job's raw inputs and crawl state hold: a rerun must leave every one as it was. */
  async function topicSizes(): Promise<Record<string, number>> {
    const topics = [names.ordersTopic, names.productsTopic, names.crawlTopics.products, names.crawlTopics.reviews, names.crawlTopics.state, names.crawlTopics.deadLetter];
    const sizes: Record<string, number> = {};
    for (const topic of topics) sizes[topic] = (await readTopic(createKafkaDriver(config), topic, topic === names.crawlTopics.state ? 1 : 3)).length;
    return sizes;
  }

  /** Every gold table holds the latest result of each window its topic carries, once, and nothing else (the reconcile's check). */
  async function assertGoldHoldsTopics(when: string): Promise<void> {
    const { gold } = await reconcileMainJob(config, names);
    assert.ok(gold.some((g) => g.windows > 0), `${when}: the gold topics carry windows`);
    const differences = gold.filter((g) => g.differs).map(({ table, windows, rows, missing, doubled, stale, strays }) => ({ table, windows, rows, missing, doubled, stale, strays }));
    assert.deepEqual(differences, [], `${when}: every gold table holds its topic's latest windows`);
  }

  /** Records in the late topics of the job's topologies. */
  async function lateRecords(): Promise<number> {
    const kafka = await createKafkaDriver(base).admin();
    const topics = (await kafka.listTopics()).filter((topic) => topic.startsWith(id) && topic.endsWith('.late'));
    await kafka.close();
    assert.ok(topics.length > 0, 'the job has late topics');
    let late = 0;
    for (const topic of topics) late += (await readTopic(createKafkaDriver(config), topic, 3)).length;
    return late;
  }

  describe(`the main job on a user's own data, on ${driver}: real sales and product CSVs and saved pages (shelfstream run --once --sales --products --pages)`, () => {
    after(async () => {
      await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
      const admin = createClickHouseClient(base);
      await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(config.clickhouse.database)}` });
      await admin.close();
      await dropIcebergTables(new IcebergRestCatalog({ url: base.iceberg.catalogUrl, timeoutMs: 30_000 }), mainJobTables(names));
      await deleteConsumerGroups(kafkaConnection(base), mainJobGroups(names));
      const kafka = await createKafkaDriver(base).admin();
      await kafka.deleteTopics((await kafka.listTopics()).filter((topic) => topic.startsWith(id)));
      await kafka.close();
      // The raw layer's copies of the pages, keyed by this run's job.
      await createMinioClient(base).removeObjects(base.s3.rawBucket, rawKeys);
    });

    it('lands exactly what the files hold in ClickHouse, reports blocked and unrecognized pages by file, adds nothing on a second run and rebuilds the same from the log', async () => {
      const stackDir = await mkdtemp(path.join(tmpdir(), 'shelfstream-user-data-'));
      const notData = await mkdtemp(path.join(tmpdir(), 'shelfstream-user-pages-'));
      scratch.push(stackDir, notData);
      // What Amazon answers a robot with, as the project's fixture storefront writes it, and a page no extractor knows.
      await writeFile(path.join(notData, 'captcha.html'), renderCaptchaPage('/dp/B07G2L3JMM'));
      await writeFile(path.join(notData, 'unrelated.html'), '<!doctype html><html><head><title>Notes</title></head><body><p>Not a shop page.</p></body></html>');
      const inputs = await resolveMainJobInputs({ sales: [SALES], products: PRODUCTS, pages: [PAGES, notData] });
      assert.equal(inputs.fixtures, false, 'user files turn the fixtures off');

      const first = await runMainJob(config, stackDir, () => undefined, names, inputs);
      for (const p of first.pages) rawKeys.push(p.rawKey);

      // Orders: each valid row of the CSV once in orders_enriched, as given; every day's window closed.
      const orders = validOrders();
      const enriched = await query<{ order_id: string; line: string }>("SELECT order_id, concat(toString(quantity), ' x ', toString(unit_price_minor)) AS line FROM orders_enriched ORDER BY order_id");
      assert.equal(enriched.length, orders.size, 'each order once');
      assert.deepEqual(new Map(enriched.map((r) => [r.order_id, r.line])), new Map([...orders].sort(([a], [b]) => a.localeCompare(b))));
      assert.deepEqual({ produced: first.replay.produced, deadLettered: first.replay.deadLettered }, { produced: orders.size, deadLettered: csvRows(SALES).length - orders.size });
      assert.equal(first.openWindows, 0, 'the end of the input closed every window');
      assert.equal(first.sinks.clickhouseOrders, orders.size);
      await assertGoldHoldsTopics('after the first run');
      // The file spans five years in no order; replayed in event time, no order comes too late for its window.
      assert.equal(await lateRecords(), 0, 'no late record');
      const results = await mainJobResults(config, names);

      // Catalog: every row replayed, the repeats across files dropped, the distinct listings once each.
      const expected = distinctListings();
      assert.equal(first.catalog.reduce((n, t) => n + t.produced, 0), expected.rows);
      assert.equal(first.sinks.catalogRows, expected.listings.size);
      assert.equal(first.catalogRepeats, expected.rows - expected.listings.size, 'the summary counts the repeats the catalog step dropped');
      const catalog = await query<{ asin: string }>('SELECT DISTINCT asin FROM catalog_products_raw');
      assert.deepEqual(new Set(catalog.map((r) => r.asin)), expected.asins);

      // Pages: each saved product page under the ASIN its file is named after; the reviews page's reviews as its scraper read them.
      const savedProducts = readdirSync(PAGES).flatMap((f) => /^product_([A-Z0-9]{10})__/.exec(f)?.[1] ?? []);
      const pages = await query<{ asin: string; raw_html_key: string }>('SELECT asin, raw_html_key FROM product_pages_raw ORDER BY asin');
      assert.deepEqual(pages.map((p) => p.asin), savedProducts.sort());
      const scraped = (JSON.parse(readFileSync(path.join(PAGES, 'reviews_B01IPHVFUI__amazon-scrape__scraped_output.json'), 'utf8')) as { Author: string; Rating: string }[]).slice(0, 10);
      const reviews = await query<{ author: string; rating: number; asin: string }>('SELECT author, rating, asin FROM reviews_raw');
      const byAuthor = (rows: { author: string; rating: number }[]) => rows.map((r) => `${r.author}|${r.rating}`).sort();
      assert.deepEqual(byAuthor(reviews), byAuthor(scraped.map((s) => ({ author: s.Author, rating: Number.parseFloat(s.Rating) }))));
      assert.deepEqual(new Set(reviews.map((r) => r.asin)), new Set(['B01IPHVFUI']));
      assert.deepEqual(verdicts(first), {
        ...Object.fromEntries(savedProducts.map((asin) => [readdirSync(PAGES).find((f) => f.startsWith(`product_${asin}__`)) ?? '', `product ${asin}`])),
        'reviews_B01IPHVFUI__amazon-scrape__amazon_reviews.html': 'reviews B01IPHVFUI',
        'search_portable-charger__price-checker__amazon_search.html': 'search',
        'captcha.html': 'blocked',
        'unrelated.html': 'unrecognized',
      });
      // Blocked and unrecognized pages: dead-lettered with their raw key, and their outcomes in crawl health.
      const outcomes = await query<{ outcome: string; n: number | string }>('SELECT outcome, count() AS n FROM crawl_outcomes_raw GROUP BY outcome ORDER BY outcome');
      assert.deepEqual(Object.fromEntries(outcomes.map((o) => [o.outcome, Number(o.n)])), { 'dead-lettered': 1, fetched: first.pages.length - 2, 'gave-up': 1 });
      const sizes = await topicSizes();
      assert.equal(sizes[names.crawlTopics.deadLetter], 2);

      // A second run with the same files: nothing replayed, imported or loaded again.
      const second = await runMainJob(config, stackDir, () => undefined, names, inputs);
      assert.equal(second.replay.produced + second.catalog.reduce((n, t) => n + t.produced, 0), 0);
      assert.ok(second.pages.every((p) => p.importedBefore), 'every page was imported before');
      assert.deepEqual(verdicts(second), verdicts(first), 'the second run reports the same pages');
      assert.deepEqual(await topicSizes(), sizes, 'no topic got a record');
      assert.deepEqual(second.sinks, first.sinks, 'ClickHouse and Iceberg hold what the first run left');

      // A rebuild with the same files rebuilds from the log alone: nothing of the bundled sample or the fixtures mixed in,
      // and every KPI, gold window, market table and catalog join as the first run left them.
      const { report: rebuilt } = await rebuildMainJob(config, stackDir, () => undefined, names, inputs);
      const loaded = ({ clickhouseOrders, kpiOrders, icebergRows, bronzeRows, catalogRows, observationRows, reviewRows, pageRows, crawlOutcomeRows }: MainJobReport['sinks']) =>
        ({ clickhouseOrders, kpiOrders, icebergRows, bronzeRows, catalogRows, observationRows, reviewRows, pageRows, crawlOutcomeRows });
      assert.deepEqual(loaded(rebuilt.sinks), loaded(first.sinks), 'the rebuilt ClickHouse tables, silver and bronze hold what the first run left');
      assert.equal(rebuilt.sinks.observationRows, 0, 'no generated or polled observation');
      assert.deepEqual(await topicSizes(), sizes, 'the rebuild wrote no input');
      await assertGoldHoldsTopics('after the rebuild');
      assert.equal(await lateRecords(), 0, 'no late record after the rebuild');
      assert.deepEqual(await mainJobResults(config, names), results, "the rebuilt results equal the first run's");
    });
  });
}

// On kafkajs only: what this file proves of the user's files is the same on both drivers, each topology
// runs on node-rdkafka in its own suite, and a second driver here costs the suite 3 to 5 minutes.
userDataSuite('kafkajs');
