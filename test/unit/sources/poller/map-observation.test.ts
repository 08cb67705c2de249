import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ItemMappingError } from '../../../../errors/index.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { MarketplaceApiCatalog } from '../../../../sources/fixtures/marketplace-api/marketplace-api-catalog.ts';
import { mapObservation } from '../../../../sources/poller/map-observation.ts';
import { DEFECT_REASONS, expectedObservation } from './expected-observations.ts';

const item = {
  asin: 'B07G2L3JMM',
  marketplace: 'US',
  price: { amount: '29.99', currency: 'USD' },
  salesRank: { rank: 1234, category: 'Home & Kitchen' },
  estimates: { monthlyUnits: 300, monthlyRevenue: { amount: 8997, currency: 'USD' } },
  observedAt: '2026-08-16T10:15:00Z',
};

function mappingError(raw: unknown): ItemMappingError {
  try {
    mapObservation(raw, 'test');
  } catch (error) {
    assert.ok(error instanceof ItemMappingError, String(error));
    return error;
  }
  assert.fail('expected an ItemMappingError');
}

describe('mapObservation', () => {
  it('maps an item to a MarketplaceObservation with money in minor units', () => {
    assert.deepEqual(mapObservation(item, 'smartscout', { url: 'http://api/v1/products' }), {
      asin: 'B07G2L3JMM',
      marketplace: 'US',
      source: 'smartscout',
      price_minor: 2999,
      currency: 'USD',
      sales_rank: 1234,
      sales_rank_category: 'Home & Kitchen',
      estimated_monthly_units: 300,
      estimated_monthly_revenue_minor: 899_700,
      observed_at: Date.UTC(2026, 7, 16, 10, 15),
    });
  });

  it('names storefronts as the schema does (GB is UK), reads yen without decimals, and takes the currency of the revenue or the storefront without a price', () => {
    const uk = mapObservation({ ...item, marketplace: 'GB', price: { amount: 12.5, currency: 'GBP' }, estimates: null }, 's');
    assert.deepEqual([uk.marketplace, uk.price_minor, uk.currency, uk.estimated_monthly_units], ['UK', 1250, 'GBP', null]);
    const jp = mapObservation({ ...item, marketplace: 'JP', price: { amount: '1980', currency: 'JPY' }, estimates: { monthlyUnits: 2, monthlyRevenue: { amount: 3960, currency: 'JPY' } } }, 's');
    assert.deepEqual([jp.price_minor, jp.estimated_monthly_revenue_minor, jp.currency], [1980, 3960, 'JPY']);
    const unpriced = mapObservation({ ...item, marketplace: 'DE', price: null, salesRank: null, estimates: { monthlyUnits: null, monthlyRevenue: null } }, 's');
    assert.deepEqual([unpriced.price_minor, unpriced.currency, unpriced.sales_rank, unpriced.sales_rank_category], [null, 'EUR', null, null]);
    assert.equal(mapObservation({ ...item, price: null, estimates: { monthlyUnits: 1, monthlyRevenue: { amount: '5', currency: 'CAD' } } }, 's').currency, 'CAD');
  });

  it('refuses, with the field, items the schema cannot hold', () => {
    const cases: [unknown, string, string][] = [
      [{ ...item, asin: undefined }, 'MAPPING_MISSING_FIELD', 'asin'],
      [{ ...item, observedAt: undefined }, 'MAPPING_MISSING_FIELD', 'observedAt'],
      [{ ...item, marketplace: 'XX' }, 'MAPPING_INVALID_FIELD', 'marketplace'],
      [{ ...item, price: { amount: '19.999', currency: 'USD' } }, 'MAPPING_INEXACT_AMOUNT', 'price.amount'],
      [{ ...item, price: { amount: '-1', currency: 'USD' } }, 'MAPPING_INVALID_FIELD', 'price.amount'],
      [{ ...item, estimates: { monthlyUnits: 1.5, monthlyRevenue: null } }, 'MAPPING_INVALID_FIELD', 'estimates.monthlyUnits'],
      [{ ...item, salesRank: { rank: 0, category: 'x' } }, 'MAPPING_INVALID_FIELD', 'salesRank.rank'],
      [{ ...item, estimates: { monthlyUnits: 1, monthlyRevenue: { amount: '1.00', currency: 'ABC' } } }, 'MAPPING_INVALID_FIELD', 'estimates.monthlyRevenue.currency'],
      [null, 'MAPPING_INVALID_FIELD', '(item)'],
      ['B07G2L3JMM', 'MAPPING_INVALID_FIELD', '(item)'],
    ];
    for (const [raw, code, field] of cases) {
      const error = mappingError(raw);
      assert.deepEqual([error.code, error.field, error.retriable], [code, field, false], JSON.stringify(raw));
    }
  });

  it('maps every well-formed fixture item to its ground truth, encodable as Avro, and refuses every defective one for its reason', () => {
    const schema = readSchemaFile('marketplace-observation');
    const catalog = new MarketplaceApiCatalog({ seed: 11, items: 400 });
    for (const truth of catalog.items) {
      if (truth.defect === null) {
        const observation = mapObservation(truth.item, 'fixture');
        assert.deepEqual(observation, expectedObservation(truth, 'fixture'), `item ${truth.seq}`);
        assert.ok(schema.type.isValid(observation), `item ${truth.seq} is a valid Avro record`);
      } else {
        const error = mappingError(truth.item);
        assert.deepEqual([error.code, error.field], DEFECT_REASONS[truth.defect], `item ${truth.seq} (${truth.defect})`);
      }
    }
  });
});
