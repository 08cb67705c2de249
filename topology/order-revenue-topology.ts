import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { SalesOrder } from '../schemas/types/sales-order.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import { repartitionSink } from '../sinks/kafka/repartition-sink.ts';
import { composite, count, distinctCount, max, min, quantiles, sum } from '../streams/aggregations/index.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { validateRecords } from '../streams/validate-records.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry, type WindowResult } from '../streams/window-aggregate.ts';
import { tumbling } from '../streams/windows/index.ts';
import { orderRules } from './order-rules.ts';
import { pipe } from 'rxjs';

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
}

const METRIC = 'revenue_by_category_country';

/** The measures of one window of orders: what the gold table and the KPI dashboard show. */
export const orderMeasures = composite<StreamRecord<SalesOrder>>()({
  orders: { of: count() },
  revenue: { of: sum(), value: (r) => r.value.total_amount_minor },
  smallest: { of: min(), value: (r) => r.value.total_amount_minor },
  largest: { of: max(), value: (r) => r.value.total_amount_minor },
  customers: { of: distinctCount(), value: (r) => r.value.customer_id },
  quantiles: { of: quantiles([0.5, 0.9, 0.99]), value: (r) => r.value.total_amount_minor },
});

type Measures = ReturnType<typeof orderMeasures.result>;

/** The group of an order: its category and country, the dimensions of the revenue KPIs. */
export const categoryCountry = (order: SalesOrder): string => `${order.category}|${order.country}`;

/**
 * Orders → per-minute revenue, order count, unique customers and order-value quantiles by category
 * and country. Two sub-topologies: orders are decoded, validated and re-keyed by category|country
 * into a repartition topic; there each group's windows are aggregated in event time (the order's
 * record timestamp) and final results written as WindowAggregate records.
 */
export function orderRevenueTopology(options: OrderRevenueOptions): Topology {
  const { applicationId, orders, serde } = options;
  const windowMs = options.windowMs ?? 60_000;
  const orderSchema = readSchemaFile('sales-order');
  const repartition: TopicSpec = { topic: `${applicationId}.orders-by-category-country.repartition`, partitions: orders.partitions };
  const output: TopicSpec = { topic: options.outputTopic, partitions: orders.partitions };
  const upstream = Array.from({ length: orders.partitions }, (_, p) => `${orders.topic}/${p}`);

  return new Topology({
    applicationId,
    inputs: [orders],
    subTopologies: [
      {
        name: 'rekey-orders',
        source: orders.topic,
        steps: ['decode-orders', 'validate-orders'],
        stores: [],
        sinkName: 'repartition-by-category-country',
        sinkTopics: [repartition],
        chain: (ctx) =>
          pipe(
            ctx.measure('decode-orders', decodeAvro({ step: 'decode-orders', serde, value: orderSchema })),
            ctx.measure('validate-orders', validateRecords('validate-orders', orderRules)),
          ),
        sink: repartitionSink<SalesOrder>({ topic: repartition, serde, schema: orderSchema, keyOf: (r) => categoryCountry(r.value) }),
      },
      {
        name: 'revenue-per-minute',
        source: repartition.topic,
        steps: ['decode-repartitioned', 'revenue-per-minute'],
        stores: ['revenue-per-minute'],
        sinkName: 'window-aggregates',
        sinkTopics: [output],
        chain: (ctx) =>
          pipe(
            ctx.measure('decode-repartitioned', decodeAvro({ step: 'decode-repartitioned', serde, value: orderSchema })),
            ctx.measure(
              'revenue-per-minute',
              windowAggregate({
                step: 'revenue-per-minute',
                store: ctx.store<WindowEntry | WatermarkEntry>('revenue-per-minute'),
                groupBy: (r) => categoryCountry(r.value),
                windows: tumbling({ sizeMs: windowMs }),
                accumulator: orderMeasures,
                maxOutOfOrderMs: options.maxOutOfOrderMs ?? 5_000,
                graceMs: options.graceMs ?? 10_000,
                sources: upstream,
                idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
                ...(options.earlyEveryMs === undefined ? {} : { earlyEveryMs: options.earlyEveryMs }),
                now: ctx.now,
              }),
            ),
          ),
        sink: avroTopicSink<WindowResult<Measures>, WindowAggregate>({
          topic: output,
          serde,
          schema: readSchemaFile('window-aggregate'),
          keyOf: (r) => `${METRIC}|${r.value.group}|${r.value.window.start}`,
          toValue: (r) => toWindowAggregate(r.value),
        }),
      },
    ],
  });
}

function toWindowAggregate(w: WindowResult<Measures>): WindowAggregate {
  const m = w.result;
  return {
    metric: METRIC,
    key: w.group,
    window_kind: 'TUMBLING',
    window_start: w.window.start,
    window_end: w.window.end,
    unit: 'MINOR_UNITS',
    currency: 'USD',
    count: m.orders,
    sum: m.revenue,
    min: m.smallest ?? 0,
    max: m.largest ?? 0,
    avg: m.orders === 0 ? 0 : Math.round(m.revenue / m.orders),
    distinct_count: m.customers,
    quantiles: m.quantiles.map((q) => ({ permille: q.permille, value: Math.round(q.value) })),
    is_final: w.final,
    emitted_at: w.window.end,
  };
}
