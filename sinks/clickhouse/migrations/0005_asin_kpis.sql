-- Per ASIN, per hour of event time: price and sales-rank history (first, last, lowest, highest,
-- and the price average), the estimated monthly revenue and units last seen, from the enriched
-- observations; rating and review count from the crawled product pages; reviews per day of the
-- review (counted once per review id, so a review crawled twice is one review) by star rating.
-- First and last are by observed_at; the change between them is what top movers rank. Nullable
-- fields enter states as assumeNotNull(x) under an isNotNull(x) condition: the state type of an
-- aggregate over a Nullable argument differs between ClickHouse 18.16 and current releases.

CREATE TABLE IF NOT EXISTS asin_observations_hour (
  asin String,
  marketplace String,
  currency String,
  bucket_start DateTime('UTC'),
  observations_state AggregateFunction(count),
  price_min_minor_state AggregateFunction(minIf, Int64, UInt8),
  price_max_minor_state AggregateFunction(maxIf, Int64, UInt8),
  price_sum_minor_state AggregateFunction(sumIf, Int64, UInt8),
  price_count_state AggregateFunction(countIf, UInt8),
  price_first_minor_state AggregateFunction(argMinIf, Int64, Int64, UInt8),
  price_last_minor_state AggregateFunction(argMaxIf, Int64, Int64, UInt8),
  rank_best_state AggregateFunction(minIf, Int32, UInt8),
  rank_worst_state AggregateFunction(maxIf, Int32, UInt8),
  rank_first_state AggregateFunction(argMinIf, Int32, Int64, UInt8),
  rank_last_state AggregateFunction(argMaxIf, Int32, Int64, UInt8),
  estimated_revenue_last_minor_state AggregateFunction(argMaxIf, Int64, Int64, UInt8),
  estimated_units_last_state AggregateFunction(argMaxIf, Int32, Int64, UInt8)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (asin, marketplace, currency, bucket_start);

CREATE MATERIALIZED VIEW IF NOT EXISTS asin_observations_hour_mv TO asin_observations_hour AS
SELECT
  asin,
  marketplace,
  currency,
  toStartOfHour(event_time) AS bucket_start,
  countState() AS observations_state,
  minIfState(assumeNotNull(price_minor), isNotNull(price_minor)) AS price_min_minor_state,
  maxIfState(assumeNotNull(price_minor), isNotNull(price_minor)) AS price_max_minor_state,
  sumIfState(assumeNotNull(price_minor), isNotNull(price_minor)) AS price_sum_minor_state,
  countIfState(isNotNull(price_minor)) AS price_count_state,
  argMinIfState(assumeNotNull(price_minor), observed_at, isNotNull(price_minor)) AS price_first_minor_state,
  argMaxIfState(assumeNotNull(price_minor), observed_at, isNotNull(price_minor)) AS price_last_minor_state,
  minIfState(assumeNotNull(sales_rank), isNotNull(sales_rank)) AS rank_best_state,
  maxIfState(assumeNotNull(sales_rank), isNotNull(sales_rank)) AS rank_worst_state,
  argMinIfState(assumeNotNull(sales_rank), observed_at, isNotNull(sales_rank)) AS rank_first_state,
  argMaxIfState(assumeNotNull(sales_rank), observed_at, isNotNull(sales_rank)) AS rank_last_state,
  argMaxIfState(assumeNotNull(estimated_monthly_revenue_minor), observed_at, isNotNull(estimated_monthly_revenue_minor)) AS estimated_revenue_last_minor_state,
  argMaxIfState(assumeNotNull(estimated_monthly_units), observed_at, isNotNull(estimated_monthly_units)) AS estimated_units_last_state
FROM observations_enriched
GROUP BY asin, marketplace, currency, bucket_start;

CREATE TABLE IF NOT EXISTS asin_pages_hour (
  asin String,
  marketplace String,
  bucket_start DateTime('UTC'),
  rating_last_state AggregateFunction(argMaxIf, Float64, Int64, UInt8),
  review_count_first_state AggregateFunction(argMinIf, Int32, Int64, UInt8),
  review_count_last_state AggregateFunction(argMaxIf, Int32, Int64, UInt8)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (asin, marketplace, bucket_start);

CREATE MATERIALIZED VIEW IF NOT EXISTS asin_pages_hour_mv TO asin_pages_hour AS
SELECT
  asin,
  marketplace,
  toStartOfHour(event_time) AS bucket_start,
  argMaxIfState(assumeNotNull(rating), fetched_at, isNotNull(rating)) AS rating_last_state,
  argMinIfState(assumeNotNull(review_count), fetched_at, isNotNull(review_count)) AS review_count_first_state,
  argMaxIfState(assumeNotNull(review_count), fetched_at, isNotNull(review_count)) AS review_count_last_state
FROM product_pages_raw
GROUP BY asin, marketplace, bucket_start;

CREATE TABLE IF NOT EXISTS asin_reviews_day (
  asin String,
  review_date Date,
  reviews_state AggregateFunction(uniqExact, String),
  stars_1_state AggregateFunction(uniqExactIf, String, UInt8),
  stars_2_state AggregateFunction(uniqExactIf, String, UInt8),
  stars_3_state AggregateFunction(uniqExactIf, String, UInt8),
  stars_4_state AggregateFunction(uniqExactIf, String, UInt8),
  stars_5_state AggregateFunction(uniqExactIf, String, UInt8)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(review_date)
ORDER BY (asin, review_date);

CREATE MATERIALIZED VIEW IF NOT EXISTS asin_reviews_day_mv TO asin_reviews_day AS
SELECT
  asin,
  review_date,
  uniqExactState(review_id) AS reviews_state,
  uniqExactIfState(review_id, rating = 1) AS stars_1_state,
  uniqExactIfState(review_id, rating = 2) AS stars_2_state,
  uniqExactIfState(review_id, rating = 3) AS stars_3_state,
  uniqExactIfState(review_id, rating = 4) AS stars_4_state,
  uniqExactIfState(review_id, rating = 5) AS stars_5_state
FROM reviews_raw
GROUP BY asin, review_date;
