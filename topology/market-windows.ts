import type { ShelfstreamConfig } from '../config/index.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import type { TopologyTable } from '../runtime/topology.ts';
import type { AvroSchema } from '../schemas/avro-schema.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { CrawledReview } from '../schemas/types/crawled-review.ts';
import type { EnrichedObservation } from '../schemas/types/enriched-observation.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import type { IcebergRow } from '../sinks/iceberg/iceberg-table-sink.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import type { Accumulator } from '../streams/aggregations/accumulator.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { flatMapRecords } from '../streams/flat-map-records.ts';
import { asinMovementAggregates, asinMovementGroup, asinMovementMeasures } from '../streams/observations/asin-movement.ts';
import { categoryPriceAggregates, categoryPriceGroup, categoryPriceMeasures } from '../streams/observations/category-prices.ts';
import { asinReviewAggregate, asinReviewMeasures } from '../streams/reviews/asin-review-days.ts';
import type { StateStore } from '../streams/state-store.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry, type WindowResult } from '../streams/window-aggregate.ts';
import { tumbling } from '../streams/windows/index.ts';
import { windowGoldLoad } from './window-gold-load.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Where a sub-topology of per-ASIN windows writes, and how its windows close. */
export interface MarketWindowOptions {
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

/** The gold tables of the market pipeline's windows, by name in their namespace. */
export const MARKET_GOLD_TABLES = { movement: 'asin_movement_per_hour', reviews: 'asin_reviews_per_day', categoryPrices: 'category_price_per_hour' } as const;

/** Where a window's input is repartitioned to, and by which key: the window's group. */
export interface WindowInput<V> {
  readonly topic: TopicSpec;
  readonly keyOf: (value: V) => string;
}

/** One kind of window of the market pipeline: the repartition topic it reads and the key its input is repartitioned by, its windows, and its gold load when asked. */
export interface MarketWindows<V> {
  readonly input: WindowInput<V>;
  readonly windows: SubTopology<WindowAggregate>;
  readonly gold?: { readonly table: TopologyTable; readonly load: SubTopology<IcebergRow> };
}

interface MarketWindowSpec<V, S, R> {
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
 * ask for one key's history (an ASIN's, a category's). One builder for every window of the market pipeline.
 */
function marketWindows<V, S, R>(spec: MarketWindowSpec<V, S, R>, options: MarketWindowOptions, serde: AvroSerde): MarketWindows<V> {
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

/**
 * Each hour's price and sales-rank range per ASIN, marketplace and currency (metrics
 * `asin_price_per_hour`, `asin_sales_rank_per_hour`), from the enriched observations repartitioned
 * by that group; an observation may arrive an hour behind its partition (default) and ten minutes into grace.
 */
export function asinMovementWindows(options: MarketWindowOptions, applicationId: string, observations: TopicSpec, serde: AvroSerde): MarketWindows<EnrichedObservation> {
  return marketWindows(
    {
      name: 'asin-movement-per-hour',
      goldTable: MARKET_GOLD_TABLES.movement,
      byGroup: { topic: `${applicationId}.observations-by-asin-marketplace-currency.repartition`, partitions: observations.partitions },
      upstream: observations,
      schema: readSchemaFile('enriched-observation'),
      groupOf: asinMovementGroup,
      sizeMs: HOUR_MS,
      accumulator: asinMovementMeasures,
      toAggregates: asinMovementAggregates,
      defaults: { maxOutOfOrderMs: HOUR_MS, graceMs: 600_000 },
    },
    options,
    serde,
  );
}

/**
 * Each day's reviews of an ASIN by the day they were written (metric `asin_reviews_per_day`): the
 * velocity and the rating trend. A crawl meets reviews in any order of their dates: a product's
 * first crawl brings its whole history, years of it, newest first, after other products' recent
 * ones. So by default a review may arrive twenty years behind the newest its partition has seen
 * (a year dropped most of a first crawl as late): the windows stay open, one entry per ASIN and day
 * with reviews, and early results keep the topic and the gold table current.
 */
export function asinReviewWindows(options: MarketWindowOptions, applicationId: string, reviews: TopicSpec, serde: AvroSerde): MarketWindows<CrawledReview> {
  return marketWindows(
    {
      name: 'asin-reviews-per-day',
      goldTable: MARKET_GOLD_TABLES.reviews,
      byGroup: { topic: `${applicationId}.reviews-by-asin.repartition`, partitions: reviews.partitions },
      upstream: reviews,
      schema: readSchemaFile('crawled-review'),
      groupOf: (review) => review.asin,
      sizeMs: DAY_MS,
      accumulator: asinReviewMeasures,
      toAggregates: (w) => [asinReviewAggregate(w)],
      defaults: { maxOutOfOrderMs: 20 * 366 * DAY_MS, graceMs: 0 },
    },
    options,
    serde,
  );
}


/**
 * Each hour's observed prices per top category, marketplace and currency (metric
 * `category_price_per_hour`): count, range and p10/p50/p90, from the enriched observations
 * repartitioned by that group; lateness as for the movement windows.
 */
export function categoryPriceWindows(options: MarketWindowOptions, applicationId: string, observations: TopicSpec, serde: AvroSerde): MarketWindows<EnrichedObservation> {
  return marketWindows(
    {
      name: 'category-price-per-hour',
      goldTable: MARKET_GOLD_TABLES.categoryPrices,
      byGroup: { topic: `${applicationId}.observations-by-category-marketplace-currency.repartition`, partitions: observations.partitions },
      upstream: observations,
      schema: readSchemaFile('enriched-observation'),
      groupOf: categoryPriceGroup,
      sizeMs: HOUR_MS,
      accumulator: categoryPriceMeasures,
      toAggregates: categoryPriceAggregates,
      defaults: { maxOutOfOrderMs: HOUR_MS, graceMs: 600_000 },
    },
    options,
    serde,
  );
}
