import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoCurrency, reportingCurrency } from '../../../../streams/orders/order-currency.ts';

describe('order currency', () => {
  it('normalises a code to its ISO 4217 form, and refuses what is no ISO 4217 code', () => {
    assert.deepEqual([' usd', 'EUR', 'jpy', 'INR'].map(isoCurrency), ['USD', 'EUR', 'JPY', 'INR']);
    assert.deepEqual(['XYZ', 'US', 'DOLLAR', ''].map(isoCurrency), [undefined, undefined, undefined, undefined]);
  });

  it('reports an order in its own currency at a rate of exactly 1', () => {
    assert.deepEqual(reportingCurrency('inr'), { currency: 'INR', originalCurrency: 'INR', fxRateMicros: 1_000_000 });
    assert.equal(reportingCurrency('ABC'), undefined);
  });
});
