import type { ShelfstreamConfig } from '../config/index.ts';
import { clientSqlEngine } from '../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { dropTableIfExists } from '../infra/iceberg/drop-table-if-exists.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { deleteConsumerGroups } from '../infra/kafka/delete-consumer-groups.ts';
import { deleteTopicsAndWait } from '../infra/kafka/delete-topics-and-wait.ts';
import { kafkaConnection } from '../infra/kafka/kafka-connection.ts';
import { EVENT_TABLES } from '../sinks/clickhouse/clickhouse-schema.ts';
import { truncateDerivedTables } from '../sinks/clickhouse/truncate-derived-tables.ts';
import { bronzeApplicationId, mainJobTables, marketApplicationId, salesApplicationId, type MainJobNames } from '../topology/main-job-names.ts';

// Catalog calls that purge a table's files take longer than a connect.
const CATALOG_TIMEOUT_MS = 30_000;

/** The ClickHouse tables the main job's sales and market pipelines load (their insert sinks' targets). */
const LOADED_TABLES: readonly string[] = [
  EVENT_TABLES.orders,
  EVENT_TABLES.enrichedOrders,
  EVENT_TABLES.catalogProducts,
  EVENT_TABLES.marketplaceObservations,
  EVENT_TABLES.enrichedObservations,
  EVENT_TABLES.reviews,
  EVENT_TABLES.productPages,
  EVENT_TABLES.crawlOutcomes,
  EVENT_TABLES.crawlRequests,
];

/** The main job's consumer groups: the revenue topology's, the sales, market and bronze pipelines' (named as startMainJob names them). */
export const mainJobGroups = (names: MainJobNames): string[] => [names.applicationId, salesApplicationId(names), marketApplicationId(names), bronzeApplicationId(names)];

/** What a wipe removed. */
export interface WipeReport {
  readonly groups: readonly string[];
  readonly topics: readonly string[];
  readonly clickhouseTables: readonly string[];
  readonly icebergTables: readonly string[];
}

/**
 * Removes everything the main job derived from its input topics (orders, catalog products,
 * observations), which are the source of truth and never touched: its groups' committed offsets
 * (the groups are deleted), the topics its topologies write (internal topics and changelogs are
 * named after the application ids, as Kafka Streams' reset tool finds them; the enriched orders,
 * revenue, sales window, enriched observations and per-ASIN window topics), the ClickHouse rows the pipelines loaded with the KPIs
 * derived from them and the insert ledger, and the Iceberg silver and gold tables. The topologies recreate topics and tables when they start. ClickHouse tables are
 * per database, not per prefix: a copy run under another prefix should have its own database.
 */
export async function wipeMainJob(config: ShelfstreamConfig, names: MainJobNames): Promise<WipeReport> {
  const groups = mainJobGroups(names);
  const outputs = [names.enrichedTopic, names.salesPerMinuteTopic, names.salesPerHourTopic, names.outputTopic, names.enrichedObservationsTopic, names.movementTopic, names.reviewDaysTopic, names.categoryPricesTopic];
  const inputs = [names.ordersTopic, names.productsTopic, names.observationsTopic];
  await deleteConsumerGroups(kafkaConnection(config), groups);

  const admin = await createKafkaDriver(config).admin();
  let topics: string[];
  try {
    const derived = (await admin.listTopics()).filter(
      (t) => !inputs.includes(t) && (outputs.includes(t) || groups.some((group) => t.startsWith(`${group}.`))),
    );
    topics = await deleteTopicsAndWait(admin, derived);
  } finally {
    await admin.close();
  }

  const client = createClickHouseClient(config, config.clickhouse.database);
  let clickhouseTables: string[];
  try {
    clickhouseTables = await truncateDerivedTables(clientSqlEngine(client), config.clickhouse.database, LOADED_TABLES);
  } finally {
    await client.close();
  }

  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
  const icebergTables: string[] = [];
  for (const table of mainJobTables(names)) {
    if (await dropTableIfExists(catalog, table)) icebergTables.push(`${table.namespace.join('.')}.${table.name}`);
  }
  return { groups, topics, clickhouseTables, icebergTables };
}
