import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enrichObservation } from '../../../../streams/observations/enrich-observation.ts';
import { movementOf } from '../../../../streams/observations/observation-movement.ts';
import { catalogProduct } from '../../../support/catalog-product.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const observation = { ...sampleRecords['marketplace-observation'], observed_at: Date.UTC(2026, 0, 6, 23, 59, 59, 999) };
const movement = movementOf(null, { at: observation.observed_at, priceMinor: 3599, currency: 'USD', rank: 5211, rankCategory: null });
const ENRICHED_AT = Date.UTC(2026, 0, 7);

describe('enrichObservation', () => {
  it('takes title and category path from the catalog entry, calendar parts in UTC, amounts in the currency observed', () => {
    const e = enrichObservation({ observation, movement }, catalogProduct({ asin: observation.asin }), ENRICHED_AT);
    assert.deepEqual(
      [e.title, e.brand, e.category_path, e.observed_date, e.observed_hour, e.currency, e.original_currency, e.fx_rate_micros, e.price_minor, e.original_price_minor, e.enriched_at],
      ['Einstein Box for 2 Year Old Baby Boys and Girls, Learning and Educational Toys', null, ['toys & baby products', 'STEM Toys Store'], Date.UTC(2026, 0, 6) / 86_400_000, 23, 'USD', 'USD', 1_000_000, 3599, 3599, ENRICHED_AT],
    );
    assert.equal(e.sales_rank, 5211);
    assert.equal(e.got_cheaper, false);
  });

  it('leaves the catalog fields empty for an ASIN the catalog does not know', () => {
    const e = enrichObservation({ observation, movement }, null, ENRICHED_AT);
    assert.deepEqual([e.title, e.category_path], [null, []]);
  });
});
