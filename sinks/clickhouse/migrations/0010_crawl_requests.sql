-- The market pipeline's crawl-requests sub-topology (topology/market-pipeline-topology.ts).
--
-- crawl_requests_raw: one row per record of the crawl frontier: every request the crawl ever had
-- (seeds, discovered links, retries and requests deferred by politeness), with the host it asks.
-- Beside crawl_outcomes_raw (one final outcome per job and URL) it tells what is still pending per
-- host, how deep the crawl went and how often each host made it retry.
CREATE TABLE IF NOT EXISTS crawl_requests_raw (
  kafka_topic String, kafka_partition UInt32, kafka_offset UInt64, kafka_timestamp Int64,
  event_time DateTime('UTC') MATERIALIZED toDateTime(intDiv(kafka_timestamp, 1000)),
  job String,
  url String,
  host String,
  attempt Int32,
  blocked Int32,
  depth Int32,
  referrer Nullable(String),
  not_before Int64,
  added_at Int64) ENGINE = MergeTree() PARTITION BY toYYYYMM(event_time) ORDER BY (host, event_time, job, url);
