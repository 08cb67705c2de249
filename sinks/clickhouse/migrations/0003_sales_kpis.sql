-- Sales KPIs per minute and per hour of event time, by category, country, currency and payment
-- method, from the enriched orders: revenue, net revenue, orders, units, unique customers (the
-- average order value is revenue / orders, computed when read). Read with -Merge and GROUP BY.

CREATE TABLE IF NOT EXISTS sales_kpis_minute (
  bucket_start DateTime('UTC'),
  category String,
  country String,
  currency String,
  payment_method String,
  revenue_minor_state AggregateFunction(sum, Int64),
  net_revenue_minor_state AggregateFunction(sum, Int64),
  orders_state AggregateFunction(count),
  units_state AggregateFunction(sum, Int64),
  customers_state AggregateFunction(uniqExact, String)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, category, country, currency, payment_method);

CREATE MATERIALIZED VIEW IF NOT EXISTS sales_kpis_minute_mv TO sales_kpis_minute AS
SELECT
  toStartOfMinute(event_time) AS bucket_start,
  category,
  country,
  currency,
  payment_method,
  sumState(revenue_minor) AS revenue_minor_state,
  sumState(net_revenue_minor) AS net_revenue_minor_state,
  countState() AS orders_state,
  sumState(toInt64(quantity)) AS units_state,
  uniqExactState(customer_id) AS customers_state
FROM orders_enriched
GROUP BY bucket_start, category, country, currency, payment_method;

CREATE TABLE IF NOT EXISTS sales_kpis_hour AS sales_kpis_minute;

CREATE MATERIALIZED VIEW IF NOT EXISTS sales_kpis_hour_mv TO sales_kpis_hour AS
SELECT
  toStartOfHour(event_time) AS bucket_start,
  category,
  country,
  currency,
  payment_method,
  sumState(revenue_minor) AS revenue_minor_state,
  sumState(net_revenue_minor) AS net_revenue_minor_state,
  countState() AS orders_state,
  sumState(toInt64(quantity)) AS units_state,
  uniqExactState(customer_id) AS customers_state
FROM orders_enriched
GROUP BY bucket_start, category, country, currency, payment_method;
