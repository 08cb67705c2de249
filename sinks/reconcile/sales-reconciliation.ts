import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import type { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import type { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { readTableRows } from '../../infra/iceberg/read-table-rows.ts';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { readProgressAnnouncement } from '../../streams/progress-announcement.ts';
import { EVENT_TABLES, KPI_TABLES } from '../clickhouse/clickhouse-schema.ts';
import { ORDER_SINKS, type OrderSink, type SalesReconciliation, type SinkDifference } from './reconciliation-results.ts';
import { byOffset, partitionsOf, readAll } from './topic-records.ts';

const DAY_MS = 86_400_000;

/** Where the sales pipeline's orders are, from source to sinks. */
export interface SalesReconciliationTargets {
  readonly driver: KafkaDriver;
  /** Decodes the topics' Avro string keys (the order ids). */
  readonly serde: AvroSerde;
  readonly ordersTopic: string;
  readonly enrichedTopic: string;
  /** The database holding `orders_raw`, `orders_enriched` and the `sales_kpis_hour` KPIs. */
  readonly clickhouse: SqlEngine;
  readonly catalog: IcebergRestCatalog;
  readonly io: IcebergFileIO;
  /** The silver table of enriched orders (order_id, order_date). */
  readonly silver: TableIdentifier;
  /** The gold table of window aggregates, and the metric whose windows count the orders of a day. */
  readonly gold: { readonly table: TableIdentifier; readonly metric: string };
}

interface SourceOrder {
  readonly partition: number;
  readonly offset: string;
}

/**
 * Compares the sales pipeline's sinks with its source, order by order: every order id of the
 * orders topic should be once in the enriched topic, in ClickHouse's orders_raw and orders_enriched
 * and in the Iceberg silver table. Orders are traced to the source partition and offset they came
 * from by their id (the sinks' own coordinates are those of internal topics, and the silver table
 * has none), so a difference names the source offsets missing or doubled. Per day of event time,
 * the enriched orders are compared with the silver rows, the gold table's windows and ClickHouse's
 * hourly KPIs summed. Reads everything into memory: meant for the sample's and a test's sizes.
 */
export async function reconcileSales(targets: SalesReconciliationTargets): Promise<SalesReconciliation> {
  const { source, partitions } = await readSource(targets);
  const enriched = await readEnriched(targets);
  const held: Record<OrderSink, Map<string, number>> = {
    'enriched-topic': enriched.counts,
    'clickhouse-orders-raw': await clickhouseOrders(targets.clickhouse, EVENT_TABLES.orders),
    'clickhouse-orders-enriched': await clickhouseOrders(targets.clickhouse, EVENT_TABLES.enrichedOrders),
    'iceberg-silver': new Map(),
  };
  const silverPerDay = new Map<string, number>();
  for (const row of await readTableRows(await IcebergTable.load(targets.catalog, targets.io, targets.silver), targets.io)) {
    increment(held['iceberg-silver'], String(row.order_id));
    increment(silverPerDay, dayOf(Number(row.order_date) * DAY_MS));
  }

  const partitionRows = partitions.map((p) => {
    const sinks = Object.fromEntries(ORDER_SINKS.map((s) => [s, 0])) as Record<OrderSink, number>;
    const differences: SinkDifference[] = [];
    for (const sink of ORDER_SINKS) {
      const missing: string[] = [];
      const doubled: string[] = [];
      for (const [orderId, origin] of source.orders) {
        if (origin.partition !== p.partition) continue;
        const n = held[sink].get(orderId) ?? 0;
        sinks[sink] += n;
        if (n === 0) missing.push(origin.offset);
        if (n > 1) doubled.push(origin.offset);
      }
      if (missing.length > 0 || doubled.length > 0) differences.push({ sink, missing: byOffset(missing), doubled: byOffset(doubled) });
    }
    return { partition: p.partition, sourceEvents: p.events, sourceOrders: p.orders, sinks, differences };
  });
  const strays = Object.fromEntries(ORDER_SINKS.map((s) => [s, [...held[s].keys()].filter((id) => !source.orders.has(id)).sort()])) as Record<OrderSink, string[]>;

  const goldPerDay = await goldOrdersPerDay(targets);
  const kpiPerDay = new Map(
    (await targets.clickhouse.rows<{ day: string; orders: number }>(sql`SELECT toString(toDate(bucket_start)) AS day, countMerge(orders_state) AS orders FROM ${new TrustedSql(KPI_TABLES.salesHour)} GROUP BY day`)).map((r) => [r.day, r.orders]),
  );
  const dayKeys = [...new Set([...enriched.perDay.keys(), ...silverPerDay.keys(), ...goldPerDay.keys(), ...kpiPerDay.keys()])].sort();
  const days = dayKeys.map((day) => {
    const counts = { enriched: enriched.perDay.get(day) ?? 0, silver: silverPerDay.get(day) ?? 0, gold: goldPerDay.get(day) ?? 0, clickhouseKpis: kpiPerDay.get(day) ?? 0 };
    return { day, ...counts, differs: new Set(Object.values(counts)).size > 1 };
  });

  const differs = partitionRows.some((p) => p.differences.length > 0) || days.some((d) => d.differs) || Object.values(strays).some((s) => s.length > 0);
  return { partitions: partitionRows, days, strays, differs };
}

/** The orders topic: per partition its order events and distinct orders, and where each order id was first seen. */
async function readSource(targets: SalesReconciliationTargets) {
  const orders = new Map<string, SourceOrder>();
  const partitions: { partition: number; events: number; orders: number }[] = [];
  for (const partition of await partitionsOf(targets.driver, targets.ordersTopic)) {
    let events = 0;
    let distinct = 0;
    for (const record of await readAll(targets.driver, targets.ordersTopic, partition)) {
      if (record.key === null || readProgressAnnouncement(record) !== undefined) continue;
      events += 1;
      const orderId = await targets.serde.deserialize(record.key, KEY_SCHEMA);
      if (orders.has(orderId)) continue;
      orders.set(orderId, { partition, offset: record.offset });
      distinct += 1;
    }
    partitions.push({ partition, events, orders: distinct });
  }
  return { source: { orders }, partitions };
}

/** The enriched topic: records per order id, and distinct orders per day of event time. */
async function readEnriched(targets: SalesReconciliationTargets) {
  const counts = new Map<string, number>();
  const perDay = new Map<string, number>();
  for (const partition of await partitionsOf(targets.driver, targets.enrichedTopic)) {
    for (const record of await readAll(targets.driver, targets.enrichedTopic, partition)) {
      if (record.key === null) continue;
      const orderId = await targets.serde.deserialize(record.key, KEY_SCHEMA);
      if (increment(counts, orderId) === 1) increment(perDay, dayOf(record.timestamp));
    }
  }
  return { counts, perDay };
}

async function goldOrdersPerDay(targets: SalesReconciliationTargets): Promise<Map<string, number>> {
  const perDay = new Map<string, number>();
  for (const row of await readTableRows(await IcebergTable.load(targets.catalog, targets.io, targets.gold.table), targets.io)) {
    if (row.metric === targets.gold.metric) increment(perDay, dayOf(Number(row.window_start)), Number(row.count));
  }
  return perDay;
}

async function clickhouseOrders(engine: SqlEngine, table: string): Promise<Map<string, number>> {
  const rows = await engine.rows<{ order_id: string; n: number }>(sql`SELECT order_id, count() AS n FROM ${new TrustedSql(table)} GROUP BY order_id`);
  return new Map(rows.map((r) => [r.order_id, r.n]));
}

function increment(counts: Map<string, number>, key: string, by = 1): number {
  const n = (counts.get(key) ?? 0) + by;
  counts.set(key, n);
  return n;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

