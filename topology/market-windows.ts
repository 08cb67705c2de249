import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { CrawledReview } from '../schemas/types/crawled-review.ts';
import type { EnrichedObservation } from '../schemas/types/enriched-observation.ts';
import { asinMovementAggregates, asinMovementGroup, asinMovementMeasures } from '../streams/observations/asin-movement.ts';
import { categoryPriceAggregates, categoryPriceGroup, categoryPriceMeasures } from '../streams/observations/category-prices.ts';
import { asinReviewAggregate, asinReviewMeasures } from '../streams/reviews/asin-review-days.ts';
import { eventTimeWindows, type EventTimeWindowOptions, type EventTimeWindows } from './event-time-windows.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The gold tables of the market pipeline's windows, by name in their namespace. */
export const MARKET_GOLD_TABLES = { movement: 'asin_movement_per_hour', reviews: 'asin_reviews_per_day', categoryPrices: 'category_price_per_hour' } as const;

/**
 * Each hour's price and sales-rank range per ASIN, marketplace and currency (metrics
 * `asin_price_per_hour`, `asin_sales_rank_per_hour`), from the enriched observations repartitioned
 * by that group; an observation may arrive an hour behind its partition (default) and ten minutes into grace.
 */
export function asinMovementWindows(options: EventTimeWindowOptions, applicationId: string, observations: TopicSpec, serde: AvroSerde): EventTimeWindows<EnrichedObservation> {
  return eventTimeWindows(
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
export function asinReviewWindows(options: EventTimeWindowOptions, applicationId: string, reviews: TopicSpec, serde: AvroSerde): EventTimeWindows<CrawledReview> {
  return eventTimeWindows(
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
export function categoryPriceWindows(options: EventTimeWindowOptions, applicationId: string, observations: TopicSpec, serde: AvroSerde): EventTimeWindows<EnrichedObservation> {
  return eventTimeWindows(
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
