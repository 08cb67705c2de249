import type { ShelfstreamConfig } from '../config/index.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import type { KafkaDriver, TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { LatestValueTable } from '../runtime/latest-value-table.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { CatalogProduct } from '../schemas/types/catalog-product.ts';
import type { CrawledProductPage } from '../schemas/types/crawled-product-page.ts';
import type { CrawledReview } from '../schemas/types/crawled-review.ts';
import type { EnrichedObservation } from '../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../schemas/types/marketplace-observation.ts';
import { clickHouseInsertSink } from '../sinks/clickhouse/clickhouse-insert-sink.ts';
import { EVENT_TABLES } from '../sinks/clickhouse/clickhouse-schema.ts';
import { applyKpiSchema } from '../sinks/clickhouse/kpi-schema-migrations.ts';
import { fanOutSink } from '../sinks/fan-out-sink.ts';
import { mappedSink } from '../sinks/mapped-sink.ts';
import type { SinkFactory } from '../sinks/sink.ts';
import { avroTopicSink } from '../sinks/kafka/avro-topic-sink.ts';
import { repartitionSink } from '../sinks/kafka/repartition-sink.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { catalogListingIdentity } from '../streams/catalog/catalog-listing-identity.ts';
import { catalogRules } from '../streams/catalog/catalog-rules.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { deduplicate, type DedupEntry } from '../streams/deduplicate.ts';
import { filterRecords } from '../streams/filter-records.ts';
import { joinLatest, type TableLookup } from '../streams/join-latest.ts';
import { mapOrDeadLetter } from '../streams/map-or-dead-letter.ts';
import { mapValues } from '../streams/map-records.ts';
import { compareWithPrevious, type ComparedObservation, type ReadingHistory } from '../streams/observations/compare-with-previous.ts';
import { enrichObservation } from '../streams/observations/enrich-observation.ts';
import { observationRules } from '../streams/observations/observation-rules.ts';
import { observationTableRow } from '../streams/observations/observation-table-row.ts';
import { crawlOutcomeRow, type CrawlOutcomeRow } from '../streams/pages/crawl-outcome-row.ts';
import { crawlRequestRow, type CrawlRequestRow } from '../streams/pages/crawl-request-row.ts';
import { pageContentIdentity } from '../streams/pages/page-content-identity.ts';
import { pageRules } from '../streams/pages/page-rules.ts';
import { pageTableRow } from '../streams/pages/page-table-row.ts';
import { reviewWrittenAt } from '../streams/reviews/asin-review-days.ts';
import { reviewRules } from '../streams/reviews/review-rules.ts';
import { reviewTableRow } from '../streams/reviews/review-table-row.ts';
import type { StateStore } from '../streams/state-store.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { brokenRules, validateRecords } from '../streams/validate-records.ts';
import type { EventTimeWindowOptions, WindowInput } from './event-time-windows.ts';
import { asinMovementWindows, asinReviewWindows, categoryPriceWindows } from './market-windows.ts';

export interface MarketPipelineOptions {
  readonly applicationId: string;
  /** Catalog products (CatalogProduct keyed by ASIN), as `shelfstream replay --kind products` writes them. */
  readonly products: TopicSpec;
  /** Marketplace observations (MarketplaceObservation keyed by ASIN), as `shelfstream poll` writes them. */
  readonly observations: TopicSpec;
  /** Crawled reviews (CrawledReview keyed by ASIN), as `shelfstream crawl` and `generate reviews` write them; no reviews sub-topology when absent. */
  readonly reviews?: TopicSpec;
  /** The crawler's product pages (CrawledProductPage keyed by ASIN) and crawl state (final outcome per job and URL, JSON), as `shelfstream crawl` writes them; no pages sub-topologies when absent. */
  readonly crawl?: CrawlInputs;
  /** Enriched observations for other consumers (EnrichedObservation, keyed by ASIN). */
  readonly enrichedObservationsTopic: string;
  readonly serde: AvroSerde;
  /** Follows the catalog products topic for the joins (the runner's own consumer reads only its inputs). */
  readonly driver: KafkaDriver;
  /** ClickHouse to write: its database gets the KPI schema's migrations before the first batch. */
  readonly config: ShelfstreamConfig;
  /** A listing repeated within this much event time of its first delivery is dropped (default a week). */
  readonly dedupeWithinMs?: number;
  /**
   * Per-ASIN movement windows: each hour's price and sales-rank range per ASIN, marketplace and
   * currency (WindowAggregate records) to `topic` for other consumers and, with `gold`, into the
   * Iceberg gold table `<gold.namespace>.asin_movement_per_hour`. No windows when absent.
   */
  readonly movement?: EventTimeWindowOptions;
  /**
   * Per-ASIN review windows (with reviews): each day's reviews of an ASIN by the day they were
   * written, their count and stars, to `topic` and, with `gold`, into
   * `<gold.namespace>.asin_reviews_per_day`. No windows when absent.
   */
  readonly reviewDays?: EventTimeWindowOptions;
  /**
   * Category price windows: each hour's observed prices per top category, marketplace and currency
   * (count, range, p10/p50/p90) to `topic` and, with `gold`, into `<gold.namespace>.category_price_per_hour`.
   */
  readonly categoryPrices?: EventTimeWindowOptions;
}

export interface CrawlInputs {
  readonly pages: TopicSpec;
  readonly state: TopicSpec;
  /** The crawl frontier: every request the crawl had (JSON). */
  readonly frontier: TopicSpec;
}

/** The enriched observation and the accepted raw one: both leave the observations sub-topology. */
export interface ObservationAndEnrichment {
  readonly observation: MarketplaceObservation;
  readonly enriched: EnrichedObservation;
}

/** The market pipeline's internal topics its loads read: the deduplicated catalog and the accepted observations. */
export const marketInternalTopics = (applicationId: string) => ({ catalog: `${applicationId}.catalog`, acceptedObservations: `${applicationId}.observations-accepted` });

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const asRow = (value: object): Record<string, unknown> => ({ ...value });

/**
 * The market pipeline: catalog and marketplace observations, into ClickHouse and enriched topics.
 *
 * - `catalog`: catalog products are decoded, dead-lettered when they break a catalog rule (ASIN
 *   format, prices, rating range, currency), and a listing repeated across category files (same
 *   ASIN and content) is dropped, counted as filtered; the rest go to the catalog topic
 *   (`<app>.catalog`, keyed by ASIN), which `load-catalog` inserts into `catalog_products_raw` (the
 *   price and category KPIs). The joins read the latest listing per ASIN that passes the same
 *   rules, loaded from the products topic to its end before any task runs and followed after.
 * - `observations`: observations are decoded (event time: observed_at), validated, deduplicated by
 *   ASIN, marketplace, source and observation time, compared with the previous observation of their
 *   ASIN and marketplace (price drop, rank jump: a changelog-backed store) and joined with the
 *   latest catalog entry of their ASIN (a left join: an ASIN the catalog lacks keeps null title and
 *   an empty category path), then written to the enriched topic and, as accepted, to an internal
 *   topic; `load-observations-raw` and `load-observations-enriched` insert them into
 *   `marketplace_observations_raw` and `observations_enriched` (the per-ASIN KPIs and top movers).
 * - `reviews` (when a reviews topic is given): crawled reviews are decoded, validated (stars 1 to 5,
 *   ASIN and review id present), deduplicated by review id (a re-crawled review is dropped), scored
 *   by the lexicon sentiment and inserted into `reviews_raw` (the per-ASIN reviews per day).
 * - `pages`, `crawl-outcomes` and `crawl-requests` (when the crawl topics are given): crawled product pages are
 *   decoded (event time: fetched_at), validated, deduplicated by ASIN and content (a page crawled
 *   again unchanged is dropped), left-joined with the latest catalog entry of their ASIN and
 *   inserted into `product_pages_raw`; the crawl state's final outcomes (tombstones filtered) are
 *   parsed, deduplicated by job and URL and inserted into `crawl_outcomes_raw` (crawl health); every
 *   request of the crawl frontier is parsed and inserted into `crawl_requests_raw` (what is pending).
 * - `asin-movement-per-hour`, `category-price-per-hour` and `asin-reviews-per-day` (with
 *   `movement`, `categoryPrices`, `reviewDays`): the enriched observations and the accepted reviews,
 *   repartitioned by each window's group (the reviews timed by the day they were written), in
 *   event-time windows (topology/event-time-windows.ts, specs in topology/market-windows.ts), to
 *   their topics and gold tables.
 *
 * Every ClickHouse load goes through the insert sink, which never inserts an offset range twice.
 * The schema is migrated and the catalog table loaded to its end before any task runs; a built
 * topology runs once (stopping it closes its ClickHouse client and the table's consumer).
 */
export function marketPipelineTopology(options: MarketPipelineOptions): Topology {
  const { applicationId, products, observations, serde, driver, config } = options;
  const productSchema = readSchemaFile('catalog-product');
  const observationSchema = readSchemaFile('marketplace-observation');
  const enrichedSchema = readSchemaFile('enriched-observation');
  const catalogTopic: TopicSpec = { topic: marketInternalTopics(applicationId).catalog, partitions: products.partitions };
  const acceptedObservations: TopicSpec = { topic: marketInternalTopics(applicationId).acceptedObservations, partitions: observations.partitions };
  const enrichedObservations: TopicSpec = { topic: options.enrichedObservationsTopic, partitions: observations.partitions };
  const clickhouse = createClickHouseClient(config, config.clickhouse.database);
  // Read from the input topic itself, refusing what the catalog step dead-letters, not from the
  // catalog step's output: that topic is rebuilt beside the joins, so what a join found in it would
  // depend on timing; the input is complete before a rebuild starts, and before a first run when
  // the catalog is replayed first (as the main job does).
  const catalog = LatestValueTable.fromTopic<CatalogProduct>({ driver, topic: products, serde, schema: productSchema, accepts: (p) => brokenRules(catalogRules, p).length === 0 });
  const insert = (table: string) => clickHouseInsertSink({ client: clickhouse, table, flush: config.clickhouse.flush });
  const movement = options.movement === undefined ? undefined : asinMovementWindows(options.movement, applicationId, observations, serde);
  const reviewDays = options.reviews === undefined || options.reviewDays === undefined ? undefined : asinReviewWindows(options.reviewDays, applicationId, options.reviews, serde);
  const categoryPrices = options.categoryPrices === undefined ? undefined : categoryPriceWindows(options.categoryPrices, applicationId, observations, serde);
  const observationWindows = [movement, categoryPrices].flatMap((w) => (w === undefined ? [] : [w]));
  const windowed = [...observationWindows, ...(reviewDays === undefined ? [] : [reviewDays])];

  return new Topology({
    applicationId,
    inputs: [products, observations, ...(options.reviews === undefined ? [] : [options.reviews]), ...(options.crawl === undefined ? [] : [options.crawl.pages, options.crawl.state, options.crawl.frontier])],
    tables: [
      // Not a joined table: the one hook the runtime awaits before the first batch, used to migrate ClickHouse.
      { name: 'clickhouse-kpi-schema', start: async () => { await applyKpiSchema(config); }, stop: () => clickhouse.close() },
      catalog,
      ...windowed.flatMap((w) => (w.gold === undefined ? [] : [w.gold.table])),
    ],
    subTopologies: [
      subTopology('catalog', products.topic)
        .step('decode-products', ({ name }) => decodeAvro({ step: name, serde, value: productSchema }))
        .step('validate-products', ({ name }) => validateRecords(name, catalogRules))
        .statefulStep('deduplicate-products', ({ name }, store: StateStore<DedupEntry>) =>
          deduplicate<CatalogProduct>({ step: name, store, keyOf: (r) => catalogListingIdentity(r.value), withinMs: options.dedupeWithinMs ?? WEEK_MS }),
        )
        .to('catalog-topic', avroTopicSink<CatalogProduct, CatalogProduct>({ topic: catalogTopic, serde, schema: productSchema, keyOf: (r) => r.value.asin, toValue: (r) => r.value }), [catalogTopic]),
      subTopology('load-catalog', catalogTopic.topic)
        .step('decode-catalog', ({ name }) => decodeAvro({ step: name, serde, value: productSchema }))
        .step('catalog-product-rows', () => mapValues((product: CatalogProduct) => asRow(product)))
        .to('catalog-products-table', insert(EVENT_TABLES.catalogProducts)),
      observationsSubTopology({ observations, enriched: enrichedObservations, accepted: acceptedObservations, repartitions: observationWindows.map((w) => w.input), catalog, serde }),
      ...windowed.flatMap((w) => [w.windows, ...(w.gold === undefined ? [] : [w.gold.load])]),
      subTopology('load-observations-raw', acceptedObservations.topic)
        .step('decode-accepted-observations', ({ name }) => decodeAvro({ step: name, serde, value: observationSchema }))
        .step('observation-rows', () => mapValues((observation: MarketplaceObservation) => asRow(observation)))
        .to('observations-raw-table', insert(EVENT_TABLES.marketplaceObservations)),
      subTopology('load-observations-enriched', enrichedObservations.topic)
        .step('decode-enriched-observations', ({ name }) => decodeAvro({ step: name, serde, value: enrichedSchema }))
        .step('enriched-observation-rows', ({ name }) => mapOrDeadLetter(name, (r: { value: EnrichedObservation }) => observationTableRow(EVENT_TABLES.enrichedObservations, r.value)))
        .to('observations-enriched-table', insert(EVENT_TABLES.enrichedObservations)),
      ...(options.reviews === undefined
        ? []
        : [reviewsSubTopology({ reviews: options.reviews, serde, table: insert(EVENT_TABLES.reviews), dedupeWithinMs: options.dedupeWithinMs ?? WEEK_MS, repartition: reviewDays?.input })]),
      ...(options.crawl === undefined ? [] : crawlSubTopologies(options.crawl, catalog, serde, insert, options.dedupeWithinMs ?? WEEK_MS)),
    ],
    sideOutputs: sideOutputSink,
  });
}

export interface ObservationsSubTopologyOptions {
  readonly observations: TopicSpec;
  readonly enriched: TopicSpec;
  /** Where the accepted raw observations go, for their table. */
  readonly accepted: TopicSpec;
  /** Where the enriched observations are also repartitioned, each by its key, for the market pipeline's windows. */
  readonly repartitions?: readonly WindowInput<EnrichedObservation>[];
  /** The latest catalog entry per ASIN. */
  readonly catalog: TableLookup<CatalogProduct>;
  readonly serde: AvroSerde;
}

/** The market pipeline's `observations` sub-topology (see marketPipelineTopology): Kafka in, Kafka out. */
export function observationsSubTopology(options: ObservationsSubTopologyOptions): SubTopology<ObservationAndEnrichment> {
  const { observations, catalog, serde } = options;
  const repartitions = options.repartitions ?? [];
  const observationSchema = readSchemaFile('marketplace-observation');
  const enrichedSchema = readSchemaFile('enriched-observation');
  return subTopology('observations', observations.topic)
    .step('decode-observations', ({ name }) => decodeAvro({ step: name, serde, value: observationSchema, eventTime: (o) => o.observed_at }))
    .step('validate-observations', ({ name }) => validateRecords(name, observationRules))
    .statefulStep('deduplicate-observations', ({ name }, store: StateStore<DedupEntry>) =>
      deduplicate<MarketplaceObservation>({ step: name, store, keyOf: (r) => `${r.value.asin}|${r.value.marketplace}|${r.value.source}|${r.value.observed_at}`, withinMs: DAY_MS }),
    )
    .statefulStep('compare-observations', (_, store: StateStore<ReadingHistory>) => compareWithPrevious(store))
    .step('join-catalog', ({ name, now }) =>
      joinLatest({
        step: name,
        table: catalog,
        keyOf: (r: { value: ComparedObservation }) => r.value.observation.asin,
        onMissing: 'pass',
        join: (compared: ComparedObservation, product: CatalogProduct | null): ObservationAndEnrichment => ({
          observation: compared.observation,
          enriched: enrichObservation(compared, product, now()),
        }),
      }),
    )
    .to(
      'enriched-and-accepted-observations',
      fanOutSink('enriched-and-accepted-observations', [
        avroTopicSink<ObservationAndEnrichment, EnrichedObservation>({ topic: options.enriched, serde, schema: enrichedSchema, keyOf: (r) => r.value.observation.asin, toValue: (r) => r.value.enriched }),
        avroTopicSink<ObservationAndEnrichment, MarketplaceObservation>({ topic: options.accepted, serde, schema: observationSchema, keyOf: (r) => r.value.observation.asin, toValue: (r) => r.value.observation }),
        ...repartitions.map(({ topic, keyOf }) =>
          repartitionSink<ObservationAndEnrichment, EnrichedObservation>({ topic, serde, schema: enrichedSchema, keyOf: (r) => keyOf(r.value.enriched), toValue: (r) => r.value.enriched }),
        ),
      ]),
      [options.enriched, options.accepted, ...repartitions.map((r) => r.topic)],
    );
}

/** A review that passed, and its reviews_raw row with its sentiment. */
export interface ScoredReview {
  readonly review: CrawledReview;
  readonly row: Record<string, unknown>;
}

/**
 * The `reviews` sub-topology when the pipeline reads reviews (see marketPipelineTopology); with
 * `repartition`, the review windows' input, each review also goes there, timed by the day it
 * was written rather than crawled, so the windows' watermark follows review dates.
 */
export function reviewsSubTopology(options: {
  readonly reviews: TopicSpec;
  readonly serde: AvroSerde;
  /** Where the rows go: the reviews_raw table's insert sink. */
  readonly table: SinkFactory<Record<string, unknown>>;
  readonly dedupeWithinMs: number;
  readonly repartition?: WindowInput<CrawledReview> | undefined;
}): SubTopology<ScoredReview> {
  const { reviews, serde, dedupeWithinMs, repartition } = options;
  const reviewSchema = readSchemaFile('crawled-review');
  const table = mappedSink(options.table, (r: StreamRecord<ScoredReview>) => ({ ...r, value: r.value.row }));
  const scored = subTopology('reviews', reviews.topic)
    .step('decode-reviews', ({ name }) => decodeAvro({ step: name, serde, value: reviewSchema }))
    .step('validate-reviews', ({ name }) => validateRecords(name, reviewRules))
    .statefulStep('deduplicate-reviews', ({ name }, store: StateStore<DedupEntry>) =>
      deduplicate<CrawledReview>({ step: name, store, keyOf: (r) => r.value.review_id, withinMs: dedupeWithinMs }),
    )
    .step('review-rows', ({ name }) => mapOrDeadLetter(name, (r: { value: CrawledReview }): ScoredReview => ({ review: r.value, row: reviewTableRow(EVENT_TABLES.reviews, r.value) })));
  if (repartition === undefined) return scored.to('reviews-raw-table', table);
  const repartitioned = mappedSink(
    repartitionSink<CrawledReview>({ topic: repartition.topic, serde, schema: reviewSchema, keyOf: (r) => repartition.keyOf(r.value) }),
    (r: StreamRecord<ScoredReview>) => ({ ...r, value: r.value.review, timestamp: reviewWrittenAt(r.value.review) }),
  );
  return scored.to('reviews-raw-table', fanOutSink('reviews-raw-table', [table, repartitioned]), [repartition.topic]);
}

/** The `pages`, `crawl-outcomes` and `crawl-requests` sub-topologies when the pipeline reads the crawler's topics (see marketPipelineTopology). */
function crawlSubTopologies(
  crawl: CrawlInputs,
  catalog: TableLookup<CatalogProduct>,
  serde: AvroSerde,
  insert: (table: string) => ReturnType<typeof clickHouseInsertSink>,
  dedupeWithinMs: number,
): [SubTopology<Record<string, unknown>>, SubTopology<CrawlOutcomeRow>, SubTopology<CrawlRequestRow>] {
  const pageSchema = readSchemaFile('crawled-product-page');
  return [
    subTopology('pages', crawl.pages.topic)
      .step('decode-pages', ({ name }) => decodeAvro({ step: name, serde, value: pageSchema, eventTime: (p) => p.fetched_at }))
      .step('validate-pages', ({ name }) => validateRecords(name, pageRules))
      .statefulStep('deduplicate-pages', ({ name }, store: StateStore<DedupEntry>) =>
        deduplicate<CrawledProductPage>({ step: name, store, keyOf: (r) => pageContentIdentity(r.value), withinMs: dedupeWithinMs }),
      )
      .step('join-catalog-pages', ({ name }) =>
        joinLatest({ step: name, table: catalog, keyOf: (r: { value: CrawledProductPage }) => r.value.asin, onMissing: 'pass', join: pageTableRow }),
      )
      .to('product-pages-table', insert(EVENT_TABLES.productPages)),
    subTopology('crawl-outcomes', crawl.state.topic)
      // A tombstone forgets a URL's outcome so it may be crawled again; it is no outcome of its own.
      .step('drop-tombstones', () => filterRecords((r: { raw: { value: Buffer | null } }) => r.raw.value !== null))
      .step('parse-crawl-outcomes', ({ name }) => mapOrDeadLetter(name, crawlOutcomeRow))
      .statefulStep('deduplicate-crawl-outcomes', ({ name }, store: StateStore<DedupEntry>) =>
        deduplicate<CrawlOutcomeRow>({ step: name, store, keyOf: (r) => `${r.value.job}|${r.value.url}`, withinMs: dedupeWithinMs }),
      )
      .to('crawl-outcomes-table', insert(EVENT_TABLES.crawlOutcomes)),
    // Every record is a request of its own (a retry, a deferral): nothing to deduplicate.
    subTopology('crawl-requests', crawl.frontier.topic)
      .step('parse-crawl-requests', ({ name }) => mapOrDeadLetter(name, crawlRequestRow))
      .to('crawl-requests-table', insert(EVENT_TABLES.crawlRequests)),
  ];
}
