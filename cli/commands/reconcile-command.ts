import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import type { IncomingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import { EVENT_TABLES } from '../../sinks/clickhouse/clickhouse-schema.ts';
import { reconcileGold, type GoldReconciliation } from '../../sinks/reconcile/gold-reconciliation.ts';
import { reconcileLoads, type LoadReconciliation, type TopicLoad } from '../../sinks/reconcile/load-reconciliation.ts';
import { ORDER_SINKS, reconcileSales, type SalesReconciliation } from '../../sinks/reconcile/sales-reconciliation.ts';
import { crawlOutcomeRow } from '../../streams/pages/crawl-outcome-row.ts';
import { pageContentIdentity } from '../../streams/pages/page-content-identity.ts';
import type { StreamRecord } from '../../streams/stream-record.ts';
import { marketInternalTopics } from '../../topology/market-pipeline-topology.ts';
import { revenueNames } from '../../streams/orders/revenue-names.ts';
import { configFrom } from '../global-options.ts';
import { mainJobNames, marketApplicationId, type MainJobNames } from '../main-job.ts';
import { mainJobIcebergTables } from '../wipe-main-job.ts';

const DAY = 86_400_000;

/** The main job reconciled: its sales orders from source to every sink, the market pipeline's ClickHouse loads against their topics, and both gold tables against their topics. */
export interface MainJobReconciliation {
  readonly sales: SalesReconciliation;
  readonly market: LoadReconciliation;
  readonly gold: readonly GoldReconciliation[];
  readonly differs: boolean;
}

export async function reconcileMainJob(config: ShelfstreamConfig, names: MainJobNames): Promise<MainJobReconciliation> {
  const client = createClickHouseClient(config, config.clickhouse.database);
  try {
    const { silver, gold, movement } = mainJobIcebergTables(names);
    const driver = createKafkaDriver(config);
    const serde = new AvroSerde(createSchemaRegistryClient(config));
    const clickhouse = clientSqlEngine(client);
    const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
    const io = new IcebergFileIO(createMinioClient(config));
    const sales = await reconcileSales({
      driver,
      serde,
      ordersTopic: names.ordersTopic,
      enrichedTopic: names.enrichedTopic,
      clickhouse,
      catalog,
      io,
      silver,
      gold: { table: gold, metric: revenueNames(DAY).metric },
    });
    const market = await reconcileLoads({ driver, clickhouse, deadLetterTopic: `${marketApplicationId(names)}.dead-letter`, loads: marketLoads(names, serde) });
    const golds = [
      await reconcileGold({ driver, serde, topic: names.outputTopic, catalog, io, table: gold }),
      await reconcileGold({ driver, serde, topic: names.movementTopic, catalog, io, table: movement }),
    ];
    return { sales, market, gold: golds, differs: sales.differs || market.differs || golds.some((g) => g.differs) };
  } finally {
    await client.close();
  }
}

/** The market pipeline's ClickHouse loads, by the topic each reads (see marketPipelineTopology). */
function marketLoads(names: MainJobNames, serde: AvroSerde): TopicLoad[] {
  const internal = marketInternalTopics(marketApplicationId(names));
  const decoded = <T>(schema: AvroSchema<T>) => async (r: IncomingRecord): Promise<T | null> => (r.value === null ? null : serde.deserialize(r.value, schema));
  const review = decoded(readSchemaFile('crawled-review'));
  const page = decoded(readSchemaFile('crawled-product-page'));
  return [
    { sink: 'clickhouse-catalog-products', topic: internal.catalog, table: EVENT_TABLES.catalogProducts },
    { sink: 'clickhouse-observations-raw', topic: internal.acceptedObservations, table: EVENT_TABLES.marketplaceObservations },
    { sink: 'clickhouse-observations-enriched', topic: names.enrichedObservationsTopic, table: EVENT_TABLES.enrichedObservations },
    // Loaded straight from the crawler's topics, each deduplicated by the identity its sub-topology uses.
    { sink: 'clickhouse-reviews', topic: names.crawlTopics.reviews, table: EVENT_TABLES.reviews, identity: async (r) => (await review(r))?.review_id ?? null },
    { sink: 'clickhouse-product-pages', topic: names.crawlTopics.products, table: EVENT_TABLES.productPages, identity: async (r) => { const p = await page(r); return p === null ? null : pageContentIdentity(p); } },
    { sink: 'clickhouse-crawl-outcomes', topic: names.crawlTopics.state, table: EVENT_TABLES.crawlOutcomes, identity: (r) => { if (r.value === null) return null; const o = crawlOutcomeRow(asStreamRecord(r)); return `${o.job}|${o.url}`; } },
  ];
}

/** A fetched record as the pipeline's steps see it before decoding. */
const asStreamRecord = (r: IncomingRecord): StreamRecord<unknown> => ({
  key: null,
  value: r.value,
  timestamp: r.timestamp,
  headers: r.headers,
  origin: { topic: r.topic, partition: r.partition, offset: r.offset },
  raw: { key: r.key, value: r.value },
});

const FLAG = '  <- differs';

/** The reconciliation as tables: the sales orders per partition and per day, the market loads per partition, the gold tables; every difference flagged and traced to its offsets or windows. */
export function reconciliationLines(result: MainJobReconciliation): string[] {
  const cell = (value: string | number, width = 12) => String(value).padStart(width);
  const lines = salesLines(result.sales);
  lines.push(`${'market load'.padEnd(34)}${cell('partition')}${cell('records')}${cell('expected')}${cell('rows')}`);
  for (const p of result.market.partitions) {
    const differs = p.missing.length + p.doubled.length + p.strays.length > 0;
    lines.push(`${p.sink.padEnd(34)}${cell(p.partition)}${cell(p.records)}${cell(p.expected)}${cell(p.rows)}${differs ? FLAG : ''}`);
    if (p.missing.length > 0) lines.push(`  ${p.sink} lacks ${p.topic} partition ${p.partition} offsets ${p.missing.join(', ')}`);
    if (p.doubled.length > 0) lines.push(`  ${p.sink} holds more than once ${p.topic} partition ${p.partition} offsets ${p.doubled.join(', ')}`);
    if (p.strays.length > 0) lines.push(`  ${p.sink} holds ${p.topic} partition ${p.partition} offsets it should not (dead-lettered or repeats): ${p.strays.join(', ')}`);
  }
  lines.push(`${'gold table'.padEnd(50)}${cell('windows')}${cell('rows')}`);
  for (const g of result.gold) {
    lines.push(`${g.table.padEnd(50)}${cell(g.windows)}${cell(g.rows)}${g.differs ? FLAG : ''}`);
    for (const [what, ids] of [['lacks', g.missing], ['holds twice', g.doubled], ['holds an older result of', g.stale], ['holds windows its topic lacks:', g.strays]] as const) {
      if (ids.length > 0) lines.push(`  ${g.table} ${what} ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`);
    }
  }
  lines.push(result.differs ? 'differences found' : 'no difference: every topic and every sink agree');
  return lines;
}

/** The sales orders as a table per partition and one per day, every difference traced to its source offsets. */
function salesLines(result: SalesReconciliation): string[] {
  const cell = (value: string | number, width = 12) => String(value).padStart(width);
  const lines = [
    `${'partition'.padEnd(10)}${cell('events')}${cell('orders')}${ORDER_SINKS.map((s) => cell(s, 28)).join('')}`,
    ...result.partitions.map((p) => `${String(p.partition).padEnd(10)}${cell(p.sourceEvents)}${cell(p.sourceOrders)}${ORDER_SINKS.map((s) => cell(p.sinks[s], 28)).join('')}${p.differences.length > 0 ? FLAG : ''}`),
  ];
  for (const p of result.partitions) {
    for (const d of p.differences) {
      if (d.missing.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} lacks the orders at offsets ${d.missing.join(', ')}`);
      if (d.doubled.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} holds more than once the orders at offsets ${d.doubled.join(', ')}`);
    }
  }
  for (const [sink, ids] of Object.entries(result.strays)) if (ids.length > 0) lines.push(`  ${sink} holds orders the source lacks: ${ids.join(', ')}`);
  lines.push(
    `${'day'.padEnd(12)}${cell('enriched')}${cell('silver')}${cell('gold')}${cell('ch-kpis')}`,
    ...result.days.map((d) => `${d.day.padEnd(12)}${cell(d.enriched)}${cell(d.silver)}${cell(d.gold)}${cell(d.clickhouseKpis)}${d.differs ? FLAG : ''}`),
  );
  return lines;
}

export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description("compare the main job's topics with what its sinks hold: the orders (enriched topic, ClickHouse orders_raw/orders_enriched and KPIs, Iceberg silver and gold) per partition and per day, the market pipeline's ClickHouse loads per partition and offset, the gold tables per window; exit code 1 on any difference")
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, as given to run", 'shelfstream')
    .action(async (flags: { prefix: string }, command: Command) => {
      const result = await reconcileMainJob(configFrom(command), mainJobNames(flags.prefix));
      console.log(reconciliationLines(result).join('\n'));
      if (result.differs) process.exitCode = 1;
    });
}
