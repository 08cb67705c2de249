-- The market pipeline's pages sub-topologies (topology/market-pipeline-topology.ts).
--
-- crawl_outcomes_raw: one row per finished crawl request (the crawler's compacted crawl state:
-- the final outcome per job and URL), with the host it asked and how many of its fetches were
-- answered blocked. Crawl health is counted here, not from product_pages_raw: a blocked fetch
-- yields no page event, and a page retried until it was data shows no trace of its blocks, so only
-- the outcomes hold blocked and failed requests per host.
CREATE TABLE IF NOT EXISTS crawl_outcomes_raw (
  kafka_topic String, kafka_partition UInt32, kafka_offset UInt64, kafka_timestamp Int64,
  event_time DateTime('UTC') MATERIALIZED toDateTime(intDiv(kafka_timestamp, 1000)),
  job String,
  url String,
  host String,
  outcome String,
  attempts Int32,
  blocked Int32,
  status Nullable(Int32),
  raw_key Nullable(String),
  detail Nullable(String),
  at Int64) ENGINE = MergeTree() PARTITION BY toYYYYMM(event_time) ORDER BY (host, event_time, job, url);

-- product_pages_raw (0001) gets the latest catalog entry of the page's ASIN when the page was
-- processed: its name and categories, null when the catalog does not list the ASIN. Last and one
-- ALTER statement: 18.16 has no ADD COLUMN IF NOT EXISTS, so it is applied whole or not at all, and
-- the table creation before it may run again.
ALTER TABLE product_pages_raw
  ADD COLUMN catalog_name Nullable(String),
  ADD COLUMN catalog_main_category Nullable(String),
  ADD COLUMN catalog_sub_category Nullable(String);
