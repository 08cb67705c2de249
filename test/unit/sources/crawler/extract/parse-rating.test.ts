import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRating } from '../../../../../sources/crawler/extract/parse-rating.ts';

describe('parseRating', () => {
  it('reads both page generations: "4.4 out of 5 stars" and "4.2 4.2 out of 5 stars"', () => {
    assert.equal(parseRating('4.4 out of 5 stars'), 4.4);
    assert.equal(parseRating('4.2 4.2 out of 5 stars'), 4.2);
  });

  it('reads whole stars of reviews: "3.0 out of 5 stars" and "5 out of 5 stars"', () => {
    assert.equal(parseRating('3.0 out of 5 stars'), 3);
    assert.equal(parseRating('5 out of 5 stars'), 5);
  });

  it('reads a decimal comma and the Japanese order', () => {
    assert.equal(parseRating('4,4 von 5 Sternen'), 4.4);
    assert.equal(parseRating('5つ星のうち4.4'), 4.4);
  });

  it('answers null for other a-icon-alt text and out-of-scale numbers', () => {
    assert.equal(parseRating('Previous page of related Sponsored Products'), null);
    assert.equal(parseRating('6 out of 5 stars'), null);
    assert.equal(parseRating(undefined), null);
  });
});
