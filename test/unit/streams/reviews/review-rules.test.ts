import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CrawledReview } from '../../../../schemas/types/crawled-review.ts';
import { reviewRules } from '../../../../streams/reviews/review-rules.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const review = (changes: Partial<CrawledReview> = {}): CrawledReview => ({ ...sampleRecords['crawled-review'], ...changes });
const broken = (r: CrawledReview): string[] => Object.entries(reviewRules).flatMap(([name, rule]) => (rule(r) === undefined ? [] : [name]));

describe('reviewRules', () => {
  it('passes a review of 1 to 5 stars', () => {
    assert.deepEqual([1, 5].map((rating) => broken(review({ rating }))), [[], []]);
  });

  it('names each broken rule', () => {
    assert.deepEqual(broken(review({ rating: 0 })), ['rating-range']);
    assert.deepEqual(broken(review({ rating: 6 })), ['rating-range']);
    assert.deepEqual(broken(review({ asin: ' ' })), ['asin-present']);
    assert.deepEqual(broken(review({ review_id: '' })), ['review-id-present']);
  });
});
