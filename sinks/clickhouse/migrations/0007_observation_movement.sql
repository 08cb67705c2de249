-- The movement of an observation against the previous one of its ASIN and marketplace, as the
-- enriched-observation schema gained it (streams/observations/compare-with-previous.ts). One ALTER
-- statement: 18.16 has no ADD COLUMN IF NOT EXISTS, and a single ALTER changes the table's columns
-- at once, so it is applied whole or not at all and the migrations table alone keeps it from running twice.
ALTER TABLE observations_enriched
  ADD COLUMN previous_price_minor Nullable(Int64),
  ADD COLUMN price_change_minor Nullable(Int64),
  ADD COLUMN got_cheaper UInt8 DEFAULT 0,
  ADD COLUMN previous_sales_rank Nullable(Int32),
  ADD COLUMN sales_rank_change Nullable(Int32),
  ADD COLUMN rank_jump UInt8 DEFAULT 0;
