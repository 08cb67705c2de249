-- The lexicon sentiment of each review (streams/reviews/review-sentiment.ts): its score in [-1, 1]
-- and its label (positive, neutral, negative). One ALTER statement: 18.16 has no ADD COLUMN IF NOT
-- EXISTS, and a single ALTER changes the table's columns at once, so it is applied whole or not at
-- all and the migrations table alone keeps it from running twice.
ALTER TABLE reviews_raw
  ADD COLUMN sentiment_score Float64 DEFAULT 0,
  ADD COLUMN sentiment String DEFAULT '';
