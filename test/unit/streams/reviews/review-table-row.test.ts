import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowRejectedError } from '../../../../errors/index.ts';
import { reviewTableRow } from '../../../../streams/reviews/review-table-row.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const review = { ...sampleRecords['crawled-review'], title: 'Terrible', body: 'It broke after two days.', verified_purchase: true, review_date: Date.UTC(2024, 0, 6) / 86_400_000 };

describe('reviewTableRow', () => {
  it('writes the date as YYYY-MM-DD, the flag as 0/1 and the sentiment of title and body', () => {
    const row = reviewTableRow('reviews_raw', review);
    assert.deepEqual([row.review_date, row.verified_purchase, row.sentiment], ['2024-01-06', 1, 'negative']);
    assert.ok(typeof row.sentiment_score === 'number' && row.sentiment_score < -0.5);
  });

  it('rejects a date a Date column cannot hold', () => {
    assert.throws(() => reviewTableRow('reviews_raw', { ...review, review_date: -1 }), RowRejectedError);
  });
});
