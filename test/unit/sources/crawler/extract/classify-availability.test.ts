import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAvailability } from '../../../../../sources/crawler/extract/classify-availability.ts';

describe('classifyAvailability', () => {
  it('classifies the lines Amazon shows', () => {
    assert.equal(classifyAvailability('In Stock.'), 'IN_STOCK');
    assert.equal(classifyAvailability('Only 2 left in stock - order soon.'), 'LOW_STOCK');
    assert.equal(classifyAvailability("Temporarily out of stock. We are working hard to be back in stock."), 'BACK_ORDER');
    assert.equal(classifyAvailability('Available for Pre-order. This item will be released on March 3, 2027.'), 'PRE_ORDER');
    assert.equal(classifyAvailability('Currently unavailable. We don\'t know when or if this item will be back in stock.'), 'UNAVAILABLE');
  });

  it('says UNKNOWN for anything else and for no text', () => {
    assert.equal(classifyAvailability('Usually ships within 6 to 10 days.'), 'UNKNOWN');
    assert.equal(classifyAvailability(null), 'UNKNOWN');
  });
});
