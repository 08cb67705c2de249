import type { ShelfstreamConfig } from '../config/index.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { EnrichedOrder } from '../schemas/types/enriched-order.ts';
import type { SalesOrder } from '../schemas/types/sales-order.ts';
import { clickHouseInsertSink, type ClickHouseRow } from '../sinks/clickhouse/clickhouse-insert-sink.ts';
import { applyKpiSchema } from '../sinks/clickhouse/kpi-schema-migrations.ts';
import { fanOutSink } from '../sinks/fan-out-sink.ts';
import { icebergTableSink } from '../sinks/iceberg/iceberg-table-sink.ts';
import { mappedSink } from '../sinks/mapped-sink.ts';
import type { SinkFactory } from '../sinks/sink.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import { repartitionSink } from '../sinks/kafka/repartition-sink.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { deduplicate, type DedupEntry } from '../streams/deduplicate.ts';
import { mapOrDeadLetter } from '../streams/map-or-dead-letter.ts';
import { enrichOrder } from '../streams/orders/enrich-order.ts';
import { enrichedOrderIcebergRow } from '../streams/orders/enriched-order-iceberg-row.ts';
import { enrichedOrdersIcebergSchema, ensureEnrichedOrdersIcebergTable } from '../streams/orders/enriched-orders-iceberg-table.ts';
import { orderRules } from '../streams/orders/order-rules.ts';
import { orderTableRow } from '../streams/orders/order-table-row.ts';
import type { StateStore } from '../streams/state-store.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { validateRecords } from '../streams/validate-records.ts';
import type { EventTimeWindowOptions, WindowInput } from './event-time-windows.ts';
import { salesWindows } from './sales-windows.ts';

export interface SalesPipelineOptions {
  readonly applicationId: string;
  readonly orders: TopicSpec;
  /** Enriched orders for other consumers (EnrichedOrder, keyed by order id). */
  readonly enrichedTopic: string;
  readonly serde: AvroSerde;
  /** ClickHouse to write: its database gets the KPI schema's migrations before the first batch. Also the Iceberg catalog and MinIO. */
  readonly config: ShelfstreamConfig;
  /** Iceberg namespace of the silver table `orders_enriched` (default: the application id, `-` as `_`); created if missing. */
  readonly icebergNamespace?: string;
  /** A redelivered order within this much event time of its first delivery is dropped (default a week). */
  readonly dedupeWithinMs?: number;
  /**
   * Sales KPI windows per minute and per hour: orders, revenue, net revenue and units per
   * category, country, payment method and currency (WindowAggregate records) to each one's
   * `topic` and, with `gold`, into `<gold.namespace>.sales_per_minute` and `sales_per_hour`. No
   * windows of a period left out.
   */
  readonly perMinute?: EventTimeWindowOptions;
  readonly perHour?: EventTimeWindowOptions;
}

/** An accepted order, its enrichment and the enrichment's `orders_enriched` row: all leave the enriching sub-topology. */
export interface OrderAndEnrichment {
  readonly order: SalesOrder;
  readonly enriched: EnrichedOrder;
  readonly enrichedRow: ClickHouseRow;
}

const WEEK_MS = 7 * 86_400_000;
// Catalog calls include commits of many files; a connect timeout would be too short for them.
const CATALOG_TIMEOUT_MS = 30_000;

/** The silver table a sales pipeline writes: `<namespace>.orders_enriched`. */
export const salesSilverTable = (options: Pick<SalesPipelineOptions, 'applicationId' | 'icebergNamespace'>): TableIdentifier => ({
  namespace: [options.icebergNamespace ?? options.applicationId.replaceAll('-', '_')],
  name: 'orders_enriched',
});

/**
 * Sales orders → enriched orders, and both into ClickHouse, whose materialized views serve the
 * sales KPIs, and the enriched orders into the Iceberg silver table. Three sub-topologies (and each
 * window's, see below): orders are decoded, validated, deduplicated by order id and enriched, then
 * inserted into ClickHouse's `orders_enriched` (whose views are the KPIs, so they are one hop from
 * the orders) and written to the enriched topic, to an internal copy of it and, as accepted, to
 * another internal topic; the accepted topic is loaded into `orders_raw`, by an insert sink that
 * never inserts an offset range twice as the enriched one, and the copy into
 * `<namespace>.orders_enriched` on Iceberg by a sink whose snapshots record their offsets (exactly
 * once). With `perMinute` and `perHour`, the enriched orders are also repartitioned by
 * category, country, payment method and currency into tumbling event-time windows
 * (topology/sales-windows.ts), to their topics and gold tables; the orders' end of input closes
 * them all. Rows a table cannot take are dead-lettered with their column. The ClickHouse schema
 * is migrated and the Iceberg tables created when the topology starts, before any task runs; a
 * built topology runs once (stopping it closes its ClickHouse client).
 */
export function salesPipelineTopology(options: SalesPipelineOptions): Topology {
  const { applicationId, orders, serde, config } = options;
  const orderSchema = readSchemaFile('sales-order');
  const enrichedSchema = readSchemaFile('enriched-order');
  const accepted: TopicSpec = { topic: `${applicationId}.orders-accepted`, partitions: orders.partitions };
  const enriched: TopicSpec = { topic: options.enrichedTopic, partitions: orders.partitions };
  // The runtime gives each input topic one sub-topology (one committed position per partition), and
  // the enriched topic's is the ClickHouse load: the silver load reads its own copy of that topic.
  const enrichedForSilver: TopicSpec = { topic: `${applicationId}.orders-enriched-silver`, partitions: orders.partitions };
  const clickhouse = createClickHouseClient(config, config.clickhouse.database);
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
  const silver = salesSilverTable(options);
  const silverSchema = enrichedOrdersIcebergSchema();
  const silverName = `${silver.namespace.join('.')}.${silver.name}`;
  const windowed = [
    ...(options.perMinute === undefined ? [] : [salesWindows('minute', options.perMinute, applicationId, orders, serde)]),
    ...(options.perHour === undefined ? [] : [salesWindows('hour', options.perHour, applicationId, orders, serde)]),
  ];

  return new Topology({
    applicationId,
    inputs: [orders],
    // Not joined tables: the one hook the runtime awaits before the first batch, used to migrate ClickHouse and create the Iceberg table.
    tables: [
      { name: 'clickhouse-kpi-schema', start: async () => { await applyKpiSchema(config); }, stop: () => clickhouse.close() },
      { name: 'iceberg-silver-table', start: () => ensureEnrichedOrdersIcebergTable(catalog, silver), stop: () => Promise.resolve() },
      ...windowed.flatMap((w) => (w.gold === undefined ? [] : [w.gold.table])),
    ],
    subTopologies: [
      enrichOrdersSubTopology({
        orders,
        enriched: [enriched, enrichedForSilver],
        accepted,
        enrichedTable: clickHouseInsertSink({ client: clickhouse, table: 'orders_enriched', flush: config.clickhouse.flush }),
        repartitions: windowed.map((w) => w.input),
        serde,
        dedupeWithinMs: options.dedupeWithinMs ?? WEEK_MS,
      }),
      ...windowed.flatMap((w) => [w.windows, ...(w.gold === undefined ? [] : [w.gold.load])]),
      subTopology('load-orders-raw', accepted.topic)
        .step('decode-accepted-orders', ({ name }) => decodeAvro({ step: name, serde, value: orderSchema }))
        .step('orders-raw-rows', ({ name }) => mapOrDeadLetter(name, (r: { value: SalesOrder }) => orderTableRow('orders_raw', r.value)))
        .to('orders-raw-table', clickHouseInsertSink({ client: clickhouse, table: 'orders_raw', flush: config.clickhouse.flush })),
      subTopology('load-orders-silver', enrichedForSilver.topic)
        .step('decode-silver-orders', ({ name }) => decodeAvro({ step: name, serde, value: enrichedSchema }))
        .step('orders-silver-rows', ({ name }) => mapOrDeadLetter(name, (r: { value: EnrichedOrder }) => enrichedOrderIcebergRow(silverName, silverSchema, r.value)))
        .to('orders-silver-table', icebergTableSink({ catalog, io: new IcebergFileIO(createMinioClient(config)), table: silver, flush: config.iceberg.flush })),
    ],
    sideOutputs: sideOutputSink,
  });
}

export interface EnrichOrdersSubTopologyOptions {
  readonly orders: TopicSpec;
  /** Where the enriched orders go, each topic its own copy (keyed by order id). */
  readonly enriched: readonly TopicSpec[];
  /** Where the accepted raw orders go, for their table. */
  readonly accepted: TopicSpec;
  /**
   * The ClickHouse table the enriched orders' rows are inserted into in this sub-topology's own
   * checkpoints, rather than by a load of the enriched topic: a hop less from an order to the KPIs
   * (about half their latency), at the price that a ClickHouse outage holds the enrichment back too.
   */
  readonly enrichedTable?: SinkFactory<ClickHouseRow>;
  /** Where the enriched orders are also repartitioned, each by its key, for the sales windows. */
  readonly repartitions?: readonly WindowInput<EnrichedOrder>[];
  readonly serde: AvroSerde;
  readonly dedupeWithinMs: number;
}

/** The sales pipeline's `enrich-orders` sub-topology (see salesPipelineTopology): Kafka in, Kafka out. */
export function enrichOrdersSubTopology(options: EnrichOrdersSubTopologyOptions): SubTopology<OrderAndEnrichment> {
  const { orders, accepted, serde } = options;
  const repartitions = options.repartitions ?? [];
  const orderSchema = readSchemaFile('sales-order');
  const enrichedSchema = readSchemaFile('enriched-order');
  return subTopology('enrich-orders', orders.topic)
    .step('decode-orders', ({ name }) => decodeAvro({ step: name, serde, value: orderSchema }))
    .step('validate-orders', ({ name }) => validateRecords(name, orderRules))
    .statefulStep('deduplicate-orders', ({ name }, store: StateStore<DedupEntry>) =>
      deduplicate<SalesOrder>({ step: name, store, keyOf: (r) => r.value.order_id, withinMs: options.dedupeWithinMs }),
    )
    .step('enrich-orders', ({ name, now }) =>
      mapOrDeadLetter(name, (r: { value: SalesOrder }): OrderAndEnrichment => {
        const enriched = enrichOrder(r.value, now());
        return { order: r.value, enriched, enrichedRow: orderTableRow('orders_enriched', enriched) };
      }),
    )
    .to(
      'enriched-and-accepted-orders',
      fanOutSink('enriched-and-accepted-orders', [
        ...(options.enrichedTable === undefined ? [] : [mappedSink(options.enrichedTable, (r: StreamRecord<OrderAndEnrichment>) => ({ ...r, value: r.value.enrichedRow }))]),
        ...options.enriched.map((topic) =>
          avroTopicSink<OrderAndEnrichment, EnrichedOrder>({ topic, serde, schema: enrichedSchema, keyOf: (r) => r.value.order.order_id, toValue: (r) => r.value.enriched }),
        ),
        avroTopicSink<OrderAndEnrichment, SalesOrder>({ topic: accepted, serde, schema: orderSchema, keyOf: (r) => r.value.order.order_id, toValue: (r) => r.value.order }),
        ...repartitions.map(({ topic, keyOf }) =>
          repartitionSink<OrderAndEnrichment, EnrichedOrder>({ topic, serde, schema: enrichedSchema, keyOf: (r) => keyOf(r.value.enriched), toValue: (r) => r.value.enriched }),
        ),
      ]),
      [...options.enriched, accepted, ...repartitions.map((r) => r.topic)],
    );
}
