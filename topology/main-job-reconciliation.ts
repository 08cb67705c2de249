import type { ShelfstreamConfig } from '../config/index.ts';
import { clientSqlEngine } from '../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord } from '../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import type { AvroSchema } from '../schemas/avro-schema.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import { EVENT_TABLES } from '../sinks/clickhouse/clickhouse-schema.ts';
import { reconcileGold } from '../sinks/reconcile/gold-reconciliation.ts';
import { reconcileLoads, type TopicLoad } from '../sinks/reconcile/load-reconciliation.ts';
import type { MainJobReconciliation } from '../sinks/reconcile/reconciliation-results.ts';
import { reconcileSales } from '../sinks/reconcile/sales-reconciliation.ts';
import { revenueNames } from '../streams/orders/revenue-names.ts';
import { crawlOutcomeRow } from '../streams/pages/crawl-outcome-row.ts';
import { pageContentIdentity } from '../streams/pages/page-content-identity.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { mainJobIcebergTables, marketApplicationId, type MainJobNames } from './main-job-names.ts';
import { marketInternalTopics } from './market-pipeline-topology.ts';

export type { MainJobReconciliation };

const DAY = 86_400_000;

/** The main job's topics against its sinks: the sales orders from source to every sink, the market pipeline's ClickHouse loads, every gold table against its topic. Writes nothing. */
export async function reconcileMainJob(config: ShelfstreamConfig, names: MainJobNames): Promise<MainJobReconciliation> {
  const client = createClickHouseClient(config, config.clickhouse.database);
  try {
    const { silver, gold, salesPerMinute, salesPerHour, movement, reviewDays, categoryPrices } = mainJobIcebergTables(names);
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
    const market = await reconcileLoads({ driver, clickhouse, deadLetterTopic: marketDeadLetterTopic(names), loads: marketLoads(names, serde) });
    const golds = [
      await reconcileGold({ driver, serde, topic: names.outputTopic, catalog, io, table: gold }),
      await reconcileGold({ driver, serde, topic: names.salesPerMinuteTopic, catalog, io, table: salesPerMinute }),
      await reconcileGold({ driver, serde, topic: names.salesPerHourTopic, catalog, io, table: salesPerHour }),
      await reconcileGold({ driver, serde, topic: names.movementTopic, catalog, io, table: movement }),
      await reconcileGold({ driver, serde, topic: names.reviewDaysTopic, catalog, io, table: reviewDays }),
      await reconcileGold({ driver, serde, topic: names.categoryPricesTopic, catalog, io, table: categoryPrices }),
    ];
    return { sales, market, gold: golds, differs: sales.differs || market.differs || golds.some((g) => g.differs) };
  } finally {
    await client.close();
  }
}

/** Every topic reconcileMainJob reads: a main job that ran has each of them, its topologies create them at start. */
export const reconciledTopics = (names: MainJobNames): string[] => [
  names.ordersTopic,
  names.enrichedTopic,
  names.outputTopic,
  names.salesPerMinuteTopic,
  names.salesPerHourTopic,
  names.movementTopic,
  names.reviewDaysTopic,
  names.categoryPricesTopic,
  marketDeadLetterTopic(names),
  ...Object.values(marketLoadTopics(names)),
];

/** The market pipeline's dead letters, each naming the record it refused. */
const marketDeadLetterTopic = (names: MainJobNames): string => `${marketApplicationId(names)}.dead-letter`;

/** The topics the market pipeline's ClickHouse loads read (see marketPipelineTopology). */
function marketLoadTopics(names: MainJobNames) {
  const internal = marketInternalTopics(marketApplicationId(names));
  return {
    catalog: internal.catalog,
    observations: internal.acceptedObservations,
    enrichedObservations: names.enrichedObservationsTopic,
    reviews: names.crawlTopics.reviews,
    pages: names.crawlTopics.products,
    outcomes: names.crawlTopics.state,
    requests: names.crawlTopics.frontier,
  };
}

/** The market pipeline's ClickHouse loads, by the topic each reads. */
function marketLoads(names: MainJobNames, serde: AvroSerde): TopicLoad[] {
  const topics = marketLoadTopics(names);
  const decoded = <T>(schema: AvroSchema<T>) => async (r: IncomingRecord): Promise<T | null> => (r.value === null ? null : serde.deserialize(r.value, schema));
  const review = decoded(readSchemaFile('crawled-review'));
  const page = decoded(readSchemaFile('crawled-product-page'));
  return [
    { sink: 'clickhouse-catalog-products', topic: topics.catalog, table: EVENT_TABLES.catalogProducts },
    { sink: 'clickhouse-observations-raw', topic: topics.observations, table: EVENT_TABLES.marketplaceObservations },
    { sink: 'clickhouse-observations-enriched', topic: topics.enrichedObservations, table: EVENT_TABLES.enrichedObservations },
    // Loaded straight from the crawler's topics, each deduplicated by the identity its sub-topology uses.
    { sink: 'clickhouse-reviews', topic: topics.reviews, table: EVENT_TABLES.reviews, identity: async (r) => (await review(r))?.review_id ?? null },
    { sink: 'clickhouse-product-pages', topic: topics.pages, table: EVENT_TABLES.productPages, identity: async (r) => { const p = await page(r); return p === null ? null : pageContentIdentity(p); } },
    { sink: 'clickhouse-crawl-outcomes', topic: topics.outcomes, table: EVENT_TABLES.crawlOutcomes, identity: (r) => { if (r.value === null) return null; const o = crawlOutcomeRow(asStreamRecord(r)); return `${o.job}|${o.url}`; } },
    { sink: 'clickhouse-crawl-requests', topic: topics.requests, table: EVENT_TABLES.crawlRequests },
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
