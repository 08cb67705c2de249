import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReviewDate } from '../../../../../sources/crawler/extract/parse-review-date.ts';

describe('parseReviewDate', () => {
  it('reads country and date of "Reviewed in the United States on January 6, 2024"', () => {
    assert.deepEqual(parseReviewDate('Reviewed in the United States on January 6, 2024'), { date: '2024-01-06', country: 'United States' });
  });

  it('reads day-first dates and drops the flag some storefronts add', () => {
    assert.deepEqual(parseReviewDate('Reviewed in the United Kingdom on 6 January 2024'), { date: '2024-01-06', country: 'United Kingdom' });
    assert.deepEqual(parseReviewDate('Reviewed in India 🇮🇳 on 3 March 2023'), { date: '2023-03-03', country: 'India' });
  });

  it('reads the bare date of 2019 pages, with no country', () => {
    assert.deepEqual(parseReviewDate('April 8, 2019'), { date: '2019-04-08', country: null });
  });

  it('collapses the whitespace of the markup', () => {
    assert.deepEqual(parseReviewDate('\n  Reviewed in the United States\n on  December 26, 2023 '), { date: '2023-12-26', country: 'United States' });
  });

  it('answers null for days that do not exist and for text without a date', () => {
    assert.equal(parseReviewDate('Reviewed in the United States on February 30, 2024'), null);
    assert.equal(parseReviewDate('Verified Purchase'), null);
    assert.equal(parseReviewDate(undefined), null);
  });
});
