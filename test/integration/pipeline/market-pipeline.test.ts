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
import { categoryDistribution, priceDistribution, priceSummary } from '../../../sinks/clickhouse/kpi-queries/price-kpis.ts';
import { replayCsv } from '../../../sources/replay/replay-csv.ts';
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
import { eventually, readTopic } from '../../support/read-topic.ts';
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

async function catalogRows(client: ClickHouseClient): Promise<number> {
  try {
    const result = await client.query({ query: 'SELECT count() AS n FROM catalog_products_raw', format: 'JSONEachRow' });
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

describe('the market pipeline: catalog products into ClickHouse', () => {
  const driver = createKafkaDriver(config);
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const app = uniqueName('it-market').replaceAll('_', '-');
  const database = app.replaceAll('-', '_');
  const runConfig: ShelfstreamConfig = { ...config, clickhouse: { ...config.clickhouse, database } };
  const products = { topic: `${app}.products`, partitions: PARTITIONS };
  const observations = { topic: `${app}.observations`, partitions: PARTITIONS };
  const progressTopic = `${app}.replay-progress`;
  let admin: ClickHouseClient;
  let client: ClickHouseClient;

  before(() => {
    admin = createClickHouseClient(config);
    client = createClickHouseClient(config, database);
  });
  after(async () => {
    await client.close();
    await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
    await admin.close();
  });

  /** Replays every file (from its first row), runs a fresh topology until it has committed `total` records, and stops it. */
  async function replayAndRun(total: number): Promise<{ filtered: number; deadLettered: number }> {
    const kafkaAdmin = await driver.admin();
    await kafkaAdmin.createTopics([observations]);
    await kafkaAdmin.close();
    for (const file of FILES) await replayCsv({ file, kind: 'products', topic: products.topic, driver, serde, partitions: PARTITIONS, progressTopic, fromStart: true });
    const runner = new TopologyRunner({ topology: marketPipelineTopology({ applicationId: app, products, observations, enrichedObservationsTopic: `${app}.enriched-observations`, serde, driver, config: runConfig }), driver, processingGuarantee: config.kafka.processingGuarantee });
    await runner.start();
    try {
      await eventually(() => committedTotal(config, app, products.topic), (n) => n === BigInt(total), 120_000);
      // The catalog topic's load into ClickHouse: each distinct listing once on it.
      await eventually(() => committedTotal(config, app, `${app}.catalog`), (n) => n === BigInt(kept.length), 120_000);
    } finally {
      await runner.stop();
    }
    const outcome = (o: string): Promise<number> => runner.metrics.total('outcomes', { sub_topology: 'catalog', outcome: o });
    return { filtered: await outcome('filtered'), deadLettered: await outcome('dead_lettered') };
  }

  it('replays real category files sharing products: each listing lands once, repeats are counted, and every price KPI equals a direct computation', async () => {
    assert.ok(kept.length < listings.length - 50, `the files repeat listings (${listings.length} rows, ${kept.length} distinct)`);
    const first = await replayAndRun(listings.length);
    assert.deepEqual(first, { filtered: listings.length - kept.length, deadLettered: 0 }, 'every repeated listing filtered, nothing dead-lettered');
    assert.equal(await catalogRows(client), kept.length, 'catalog_products_raw holds each distinct listing once');
    await assertCatalogKpisMatch(clientSqlEngine(client), kept, 'after one run');

    // Every record delivered again, to a new member of the group: the dedupe store and the insert ledger keep them out.
    const second = await replayAndRun(2 * listings.length);
    assert.deepEqual(second, { filtered: listings.length, deadLettered: 0 }, 'every redelivered listing filtered');
    assert.equal(await catalogRows(client), kept.length, 'nothing inserted twice');
    await assertCatalogKpisMatch(clientSqlEngine(client), kept, 'after the redelivery and a restart');
    assert.deepEqual(await readTopic(driver, `${app}.dead-letter`, PARTITIONS), [], 'nothing dead-lettered');
  });
});
