-- Catalog KPIs per hour of event time, by main category and currency, from the catalog products:
-- distinct products (the category distribution), priced listings, price sum (the average) and
-- exact price quantiles; and the price distribution in 1-2-5 buckets of minor units (100, 200,
-- 500, 1000, ...: a bucket holds prices from its bound up to the next). The price of a listing
-- is its discounted price, else its list price; listings with neither count as products only.

CREATE TABLE IF NOT EXISTS product_prices_hour (
  bucket_start DateTime('UTC'),
  main_category String,
  currency String,
  products_state AggregateFunction(uniqExact, String),
  priced_listings_state AggregateFunction(countIf, UInt8),
  price_sum_minor_state AggregateFunction(sumIf, Int64, UInt8),
  price_quantiles_state AggregateFunction(quantilesExactIf(0.25, 0.5, 0.75, 0.9, 0.99), Int64, UInt8)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, main_category, currency);

CREATE MATERIALIZED VIEW IF NOT EXISTS product_prices_hour_mv TO product_prices_hour AS
SELECT
  toStartOfHour(event_time) AS bucket_start,
  main_category,
  currency,
  uniqExactState(asin) AS products_state,
  countIfState(isNotNull(ifNull(discount_price_minor, actual_price_minor))) AS priced_listings_state,
  sumIfState(assumeNotNull(ifNull(discount_price_minor, actual_price_minor)), isNotNull(ifNull(discount_price_minor, actual_price_minor))) AS price_sum_minor_state,
  quantilesExactIfState(0.25, 0.5, 0.75, 0.9, 0.99)(assumeNotNull(ifNull(discount_price_minor, actual_price_minor)), isNotNull(ifNull(discount_price_minor, actual_price_minor))) AS price_quantiles_state
FROM catalog_products_raw
GROUP BY bucket_start, main_category, currency;

CREATE TABLE IF NOT EXISTS price_buckets_hour (
  bucket_start DateTime('UTC'),
  main_category String,
  currency String,
  price_bucket_minor Int64,
  products_state AggregateFunction(uniqExact, String)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, main_category, currency, price_bucket_minor);

-- No subquery: 18.16 pushes an insert into the view's innermost FROM only when it is the view's own
-- FROM. Names given inside an expression (AS listing_price, AS magnitude) are not output columns.
CREATE MATERIALIZED VIEW IF NOT EXISTS price_buckets_hour_mv TO price_buckets_hour AS
SELECT
  toStartOfHour(event_time) AS bucket_start,
  main_category,
  currency,
  multiIf(
    (assumeNotNull(ifNull(discount_price_minor, actual_price_minor)) AS listing_price) <= 0, toInt64(0),
    intDiv(listing_price, (toInt64(intExp10(length(toString(listing_price)) - 1)) AS magnitude)) >= 5, 5 * magnitude,
    intDiv(listing_price, magnitude) >= 2, 2 * magnitude,
    magnitude
  ) AS price_bucket_minor,
  uniqExactState(asin) AS products_state
FROM catalog_products_raw
WHERE isNotNull(ifNull(discount_price_minor, actual_price_minor))
GROUP BY bucket_start, main_category, currency, price_bucket_minor;
