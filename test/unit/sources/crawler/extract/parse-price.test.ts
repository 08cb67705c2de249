import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrice } from '../../../../../sources/crawler/extract/parse-price.ts';

describe('parsePrice', () => {
  it('reads a symbol and a decimal point: $35.99 is 3599 cents', () => {
    assert.deepEqual(parsePrice('$35.99'), { minor: 3599, currency: 'USD' });
  });

  it('reads a comma as thousands when three digits follow: ₹32,999 is 32,999 rupees', () => {
    assert.deepEqual(parsePrice('₹32,999'), { minor: 3_299_900, currency: 'INR' });
  });

  it('reads thousands and decimals together: £1,299.00 and 1.299,00 €', () => {
    assert.deepEqual(parsePrice('£1,299.00'), { minor: 129_900, currency: 'GBP' });
    assert.deepEqual(parsePrice('1.299,00 €'), { minor: 129_900, currency: 'EUR' });
  });

  it('reads an ISO code and a decimal comma: EUR 12,50', () => {
    assert.deepEqual(parsePrice('EUR 12,50'), { minor: 1250, currency: 'EUR' });
  });

  it('reads Indian grouping and a space as thousands separator', () => {
    assert.deepEqual(parsePrice('₹1,23,456.50'), { minor: 12_345_650, currency: 'INR' });
    assert.deepEqual(parsePrice('1 299,00 €'), { minor: 129_900, currency: 'EUR' });
  });

  it('gives yen no minor unit', () => {
    assert.deepEqual(parsePrice('￥1,980'), { minor: 1980, currency: 'JPY' });
  });

  it('takes the dollar of the storefront from the hint, and the hint when the text has no symbol', () => {
    assert.deepEqual(parsePrice('$12.99', 'CAD'), { minor: 1299, currency: 'CAD' });
    assert.deepEqual(parsePrice('$12.99', 'EUR'), { minor: 1299, currency: 'USD' });
    assert.deepEqual(parsePrice('12.99', 'GBP'), { minor: 1299, currency: 'GBP' });
    assert.deepEqual(parsePrice('12.99'), { minor: 1299, currency: null });
  });

  it('reads multi-letter symbols only as whole tokens: R$ is a real, "Regular" is no rand', () => {
    assert.deepEqual(parsePrice('R$ 1.234,56'), { minor: 123_456, currency: 'BRL' });
    assert.deepEqual(parsePrice('Regular Price $45.99'), { minor: 4599, currency: 'USD' });
  });

  it('stops at the amount: screen-reader labels and ranges keep the first price', () => {
    assert.deepEqual(parsePrice('$35.99 with 22 percent savings'), { minor: 3599, currency: 'USD' });
    assert.deepEqual(parsePrice('$12.99 - $15.99'), { minor: 1299, currency: 'USD' });
  });

  it('answers null when there is no amount', () => {
    assert.equal(parsePrice('See price in cart'), null);
    assert.equal(parsePrice(''), null);
    assert.equal(parsePrice(null), null);
  });
});
