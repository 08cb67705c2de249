import type { ShelfstreamConfig } from '../config/index.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import type { TopologyTable } from '../runtime/topology.ts';
import type { AvroSchema } from '../schemas/avro-schema.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import type { IcebergRow } from '../sinks/iceberg/iceberg-table-sink.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import type { Accumulator } from '../streams/aggregations/accumulator.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { flatMapRecords } from '../streams/flat-map-records.ts';
import type { StateStore } from '../streams/state-store.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry, type WindowResult } from '../streams/window-aggregate.ts';
import { tumbling } from '../streams/windows/index.ts';
import { windowGoldLoad } from './window-gold-load.ts';

/** Where a sub-topology of event-time windows writes, and how its windows close. */
export interface EventTimeWindowOptions {
  /** The topic of its WindowAggregate records, for other consumers. */
  readonly topic: string;
  /** How far behind its source partition's latest event a record may arrive and still count. */
  readonly maxOutOfOrderMs?: number;
  /** How long past the watermark a window still takes late records. */
  readonly graceMs?: number;
  /** Early results of open windows at most this often (processing time); none when absent. */
  readonly earlyEveryMs?: number;
  readonly idleTimeoutMs?: number;
  /** Also keep the latest result of each window in an Iceberg gold table in this namespace. */
  readonly gold?: { readonly config: ShelfstreamConfig; readonly namespace: string };
}

/** Where a window's input is repartitioned to, and by which key: the window's group. */
export interface WindowInput<V> {
  readonly topic: TopicSpec;
  readonly keyOf: (value: V) => string;
}

/** One kind of window: the repartition topic it reads and the key its input is repartitioned by, its windows, and its gold load when asked. */
export interface EventTimeWindows<V> {
  readonly input: WindowInput<V>;
  readonly windows: SubTopology<WindowAggregate>;
  readonly gold?: { readonly table: TopologyTable; readonly load: SubTopology<IcebergRow> };
}

/** What a kind of window is: its names, its input and group, its size, its measures and records. */
export interface EventTimeWindowSpec<V, S, R> {
  /** Names the sub-topology, its window step and store, and the gold table's load. */
  readonly name: string;
  readonly goldTable: string;
  /** The topic repartitioned by the window's group, and the upstream topic whose partitions hold the watermark. */
  readonly byGroup: TopicSpec;
  readonly upstream: TopicSpec;
  readonly schema: AvroSchema<V>;
  /** The window's group of a value: also the key its input is repartitioned by. */
  readonly groupOf: (value: V) => string;
  readonly sizeMs: number;
  readonly accumulator: Accumulator<S, R, StreamRecord<V>>;
  readonly toAggregates: (w: WindowResult<R>) => WindowAggregate[];
  readonly defaults: { readonly maxOutOfOrderMs: number; readonly graceMs: number };
}

/**
 * Tumbling windows over a repartition topic into WindowAggregate records on the options' topic
 * and, with `gold`, into a gold table partitioned by day and a bucket of the key, since its readers
 * ask for one key's history (an ASIN's, a category's). The watermark waits for every partition of
 * the upstream topic, so an end of input announced in each closes every window. One builder for
 * every window of the market and sales pipelines.
 */
export function eventTimeWindows<V, S, R>(spec: EventTimeWindowSpec<V, S, R>, options: EventTimeWindowOptions, serde: AvroSerde): EventTimeWindows<V> {
  const output: TopicSpec = { topic: options.topic, partitions: spec.byGroup.partitions };
  const input: WindowInput<V> = { topic: spec.byGroup, keyOf: spec.groupOf };
  const windows = subTopology(spec.name, spec.byGroup.topic)
    .step(`decode-${spec.name}-input`, ({ name }) => decodeAvro({ step: name, serde, value: spec.schema }))
    .statefulStep(spec.name, ({ name, now }, store: StateStore<WindowEntry | WatermarkEntry>) =>
      windowAggregate({
        step: name,
        store,
        groupBy: (r) => spec.groupOf(r.value),
        windows: tumbling({ sizeMs: spec.sizeMs }),
        accumulator: spec.accumulator,
        maxOutOfOrderMs: options.maxOutOfOrderMs ?? spec.defaults.maxOutOfOrderMs,
        graceMs: options.graceMs ?? spec.defaults.graceMs,
        sources: Array.from({ length: spec.upstream.partitions }, (_, p) => `${spec.upstream.topic}/${p}`),
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        ...(options.earlyEveryMs === undefined ? {} : { earlyEveryMs: options.earlyEveryMs }),
        now,
      }),
    )
    .step(`${spec.name}-aggregates`, () => flatMapRecords((r: StreamRecord<WindowResult<R>>) => spec.toAggregates(r.value).map((value) => ({ ...r, value }))))
    .to(
      `${spec.name}-topic`,
      avroTopicSink<WindowAggregate, WindowAggregate>({ topic: output, serde, schema: readSchemaFile('window-aggregate'), keyOf: (r) => `${r.value.metric}|${r.value.key}|${r.value.window_start}`, toValue: (r) => r.value }),
      [output],
    );
  if (options.gold === undefined) return { input, windows };
  const gold = windowGoldLoad({
    config: options.gold.config,
    table: { namespace: [options.gold.namespace], name: spec.goldTable },
    topic: output.topic,
    serde,
    partitionBy: [{ column: 'key', transform: 'bucket[16]' }],
    subTopology: `load-${spec.name}-gold`,
    sink: `${spec.name}-gold-table`,
  });
  return { input, windows, gold };
}
