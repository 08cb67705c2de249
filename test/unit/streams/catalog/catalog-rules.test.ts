import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import type { CatalogProduct } from '../../../../schemas/types/catalog-product.ts';
import { emptyOutcomes } from '../../../../streams/batch.ts';
import { catalogRules } from '../../../../streams/catalog/catalog-rules.ts';
import { validateRecords } from '../../../../streams/validate-records.ts';
import { catalogProduct } from '../../../support/catalog-product.ts';

const validate = async (products: readonly CatalogProduct[]) => {
  const records = products.map((value, i) => ({ key: value.asin, value, timestamp: 0, headers: {}, origin: { topic: 'products', partition: 0, offset: String(i) }, raw: { key: null, value: null } }));
  return firstValueFrom(of({ topic: 'products', partition: 0, records, ...emptyOutcomes() }).pipe(validateRecords('validate-products', catalogRules)));
};

/** The rules each product breaks, by name; [] for one that passes. */
async function brokenRules(...products: CatalogProduct[]): Promise<string[][]> {
  const out = await validate(products);
  return products.map((_, i) => {
    const dead = out.deadLetters.find((d) => d.origin.offset === String(i));
    return dead === undefined ? [] : dead.message.split('; ').map((problem) => problem.split(':')[0] ?? '');
  });
}

describe('catalogRules', () => {
  it('passes a real listing, and one without prices, ratings or a rating count', async () => {
    const out = await validate([catalogProduct(), catalogProduct({ ratings: null, no_of_ratings: null, discount_price_minor: null, actual_price_minor: null })]);
    assert.equal(out.records.length, 2);
    assert.deepEqual(out.deadLetters, []);
  });

  it('dead-letters a malformed ASIN, a negative or fractional price and a discount above the list price, with code and reason', async () => {
    const out = await validate([catalogProduct({ asin: 'b0brkxtsb', discount_price_minor: -1 })]);
    assert.deepEqual(
      out.deadLetters.map((d) => [d.code, d.message]),
      [['VALIDATION_FAILED', 'asin-format: asin "b0brkxtsb" is not 10 upper-case letters or digits; non-negative-prices: a price is negative or not whole (discount -1, list 99900)']],
    );
    assert.deepEqual(await brokenRules(catalogProduct({ actual_price_minor: 99_900.5 }), catalogProduct({ discount_price_minor: 100_000 })), [['non-negative-prices'], ['discount-not-above-list']]);
  });

  it('dead-letters a rating outside 1..5 or not a number, a negative count, an empty category and a currency not in ISO 4217 form', async () => {
    const found = await brokenRules(
      catalogProduct({ ratings: 5.5 }),
      catalogProduct({ ratings: Number.NaN }),
      catalogProduct({ no_of_ratings: -3 }),
      catalogProduct({ main_category: '  ' }),
      catalogProduct({ currency: 'inr' }),
      catalogProduct({ currency: 'XYZ' }),
    );
    assert.deepEqual(found, [['rating-in-range'], ['rating-in-range'], ['non-negative-rating-count'], ['known-category'], ['currency-code'], ['currency-code']]);
  });
});
