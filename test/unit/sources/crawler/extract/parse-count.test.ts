import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCount, parseHelpfulVotes } from '../../../../../sources/crawler/extract/parse-count.ts';

describe('parseCount', () => {
  it('reads both page generations: "82 ratings" and "(226)"', () => {
    assert.equal(parseCount('82 ratings'), 82);
    assert.equal(parseCount('(226)'), 226);
  });

  it('reads thousands separators of any storefront', () => {
    assert.equal(parseCount('1,234 global ratings'), 1234);
    assert.equal(parseCount('1.234 Sternebewertungen'), 1234);
    assert.equal(parseCount('12 345 évaluations'), 12_345);
  });

  it('takes the first count of a label with two', () => {
    assert.equal(parseCount('4,888 total ratings, 523 with reviews'), 4888);
  });

  it('expands the abbreviated counts of newer pages', () => {
    assert.equal(parseCount('(9.1K)'), 9100);
    assert.equal(parseCount('(1.2M)'), 1_200_000);
  });

  it('answers null for a text without a count, or with a rating instead', () => {
    assert.equal(parseCount('No ratings yet'), null);
    assert.equal(parseCount('4.5'), null);
    assert.equal(parseCount(null), null);
  });
});

describe('parseHelpfulVotes', () => {
  it('reads "One person" as 1 and "12 people" as 12', () => {
    assert.equal(parseHelpfulVotes('One person found this helpful'), 1);
    assert.equal(parseHelpfulVotes('12 people found this helpful'), 12);
    assert.equal(parseHelpfulVotes('1,234 people found this helpful'), 1234);
  });

  it('answers null for the bare button label', () => {
    assert.equal(parseHelpfulVotes('Helpful'), null);
  });
});
