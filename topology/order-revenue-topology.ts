import type { ShelfstreamConfig } from '../config/index.ts';
import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { SalesOrder } from '../schemas/types/sales-order.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import { repartitionSink } from '../sinks/kafka/repartition-sink.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { orderGroupKey } from '../streams/orders/order-group.ts';
import { orderMeasures, type OrderMeasures } from '../streams/orders/order-measures.ts';
import { orderRules } from '../streams/orders/order-rules.ts';
import { revenueNames } from '../streams/orders/revenue-names.ts';
import { toWindowAggregate } from '../streams/orders/to-window-aggregate.ts';
import type { StateStore } from '../streams/state-store.ts';
import { validateRecords } from '../streams/validate-records.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry, type WindowResult } from '../streams/window-aggregate.ts';
import { tumbling } from '../streams/windows/index.ts';
import { windowGoldLoad } from './window-gold-load.ts';

export interface OrderRevenueOptions {
  readonly applicationId: string;
  readonly orders: TopicSpec;
  readonly outputTopic: string;
  readonly serde: AvroSerde;
  readonly windowMs?: number;
  readonly maxOutOfOrderMs?: number;
  readonly graceMs?: number;
  readonly idleTimeoutMs?: number;
  readonly earlyEveryMs?: number;
  /** Also keep the latest result of each window in the Iceberg gold table `<namespace>.<revenue_per_minute|revenue_per_day|...>`. */
  readonly gold?: { readonly config: ShelfstreamConfig; readonly namespace: string };
}

/** The gold table of a window size: one row per metric, group and window, named after the windows (`revenue_per_day`). */
export const revenueGoldTable = (namespace: string, windowMs: number): TableIdentifier => ({
  namespace: [namespace],
  name: revenueNames(windowMs).windows.replaceAll('-', '_'),
});

/**
 * Orders → revenue, order count, unique customers and order-value quantiles per window (a minute
 * unless `windowMs` says otherwise) by category, country and currency. Two sub-topologies: orders
 * are decoded, validated and re-keyed by their group into a repartition topic; there each group's
 * windows are aggregated in event time (the order's record timestamp) and final results written as
 * WindowAggregate records. The windows' sub-topology, step, store and metric are named after the
 * window size (`revenue-per-minute`, `revenue-per-day`). With `gold`, a third sub-topology loads the
 * output topic into the Iceberg gold table, where a re-emitted window replaces its row
 * (sinks/iceberg/iceberg-upsert-sink.ts); the table is created, partitioned by day of window_start,
 * when the topology starts.
 */
export function orderRevenueTopology(options: OrderRevenueOptions): Topology {
  const { applicationId, orders, serde } = options;
  const windowMs = options.windowMs ?? 60_000;
  const names = revenueNames(windowMs);
  const orderSchema = readSchemaFile('sales-order');
  const repartition: TopicSpec = { topic: `${applicationId}.orders-by-category-country-currency.repartition`, partitions: orders.partitions };
  const output: TopicSpec = { topic: options.outputTopic, partitions: orders.partitions };
  const upstream = Array.from({ length: orders.partitions }, (_, p) => `${orders.topic}/${p}`);

  const gold =
    options.gold === undefined
      ? undefined
      : windowGoldLoad({
          config: options.gold.config,
          table: revenueGoldTable(options.gold.namespace, windowMs),
          topic: output.topic,
          serde,
          subTopology: `load-${names.windows}-gold`,
          sink: 'revenue-gold-table',
        });
  return new Topology({
    applicationId,
    inputs: [orders],
    ...(gold === undefined ? {} : { tables: [gold.table] }),
    subTopologies: [
      subTopology('rekey-orders', orders.topic)
        .step('decode-orders', ({ name }) => decodeAvro({ step: name, serde, value: orderSchema }))
        .step('validate-orders', ({ name }) => validateRecords(name, orderRules))
        .to(
          'repartition-by-category-country-currency',
          repartitionSink<SalesOrder>({ topic: repartition, serde, schema: orderSchema, keyOf: (r) => orderGroupKey(r.value), valuesAsReceived: true }),
          [repartition],
        ),
      subTopology(names.windows, repartition.topic)
        .step('decode-repartitioned', ({ name }) => decodeAvro({ step: name, serde, value: orderSchema }))
        .statefulStep(names.windows, ({ name, now }, store: StateStore<WindowEntry | WatermarkEntry>) =>
          windowAggregate({
            step: name,
            store,
            groupBy: (r) => orderGroupKey(r.value),
            windows: tumbling({ sizeMs: windowMs }),
            accumulator: orderMeasures,
            maxOutOfOrderMs: options.maxOutOfOrderMs ?? 5_000,
            graceMs: options.graceMs ?? 10_000,
            sources: upstream,
            idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
            ...(options.earlyEveryMs === undefined ? {} : { earlyEveryMs: options.earlyEveryMs }),
            now,
          }),
        )
        .to(
          'window-aggregates',
          avroTopicSink<WindowResult<OrderMeasures>, WindowAggregate>({
            topic: output,
            serde,
            schema: readSchemaFile('window-aggregate'),
            keyOf: (r) => `${names.metric}|${r.value.group}|${r.value.window.start}`,
            toValue: (r) => toWindowAggregate(names.metric, r.value),
          }),
          [output],
        ),
      ...(gold === undefined ? [] : [gold.load]),
    ],
    sideOutputs: sideOutputSink,
  });
}
