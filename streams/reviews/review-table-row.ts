import { RowRejectedError } from '../../errors/index.ts';
import type { CrawledReview } from '../../schemas/types/crawled-review.ts';
import { sentimentOfReview } from './review-sentiment.ts';

const DAY_MS = 86_400_000;
// A ClickHouse Date is an unsigned 16-bit day number: 1970-01-01 to 2149-06-06.
const LAST_DAY = 65_535;

/**
 * A review as a row of `reviews_raw` with its lexicon sentiment (migration 0008): review_date as
 * YYYY-MM-DD (the form every server version parses in JSONEachRow), verified_purchase as 0/1 (a
 * UInt8 column; 18.16 reads no JSON booleans). A date a Date column cannot hold throws
 * RowRejectedError naming the table and column, so the record is dead-lettered.
 */
export function reviewTableRow(table: string, review: CrawledReview): Record<string, unknown> {
  const days = review.review_date;
  if (!Number.isInteger(days) || days < 0 || days > LAST_DAY) {
    throw new RowRejectedError(table, 'review_date', `day ${days} is outside the Date range 1970-01-01..2149-06-06`);
  }
  const sentiment = sentimentOfReview(review);
  return {
    ...review,
    review_date: new Date(days * DAY_MS).toISOString().slice(0, 10),
    verified_purchase: review.verified_purchase ? 1 : 0,
    sentiment_score: sentiment.score,
    sentiment: sentiment.label,
  };
}
