-- The insert ledger of the ClickHouse sinks (sinks/clickhouse/insert-ledger.ts): per target table
-- and input partition, an intent row before every INSERT and a done row after it, so a sink that
-- restarts knows what its table already holds and no materialized view counts a batch twice.
-- `seq` orders one partition's entries across restarts (DateTime64 is absent in 18.16).

CREATE TABLE IF NOT EXISTS shelfstream_insert_ledger (
  target String,
  topic String,
  partition UInt32,
  seq UInt64,
  from_offset UInt64,
  to_offset UInt64,
  rows UInt64,
  state UInt8
) ENGINE = MergeTree() ORDER BY (target, topic, partition, seq);
