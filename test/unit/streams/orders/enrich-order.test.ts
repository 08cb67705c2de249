import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../../errors/index.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { enrichOrder } from '../../../../streams/orders/enrich-order.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

// The first row of the real sample CSV (ORD0082999), as the replay decodes it, and its enrichment as the schema's sample gives it.
const ORD0082999 = sampleRecords['sales-order'];
const ENRICHED = sampleRecords['enriched-order'];

describe('enrichOrder', () => {
  it('enriches a real order: revenue figures, category path, country code and the date parts of 2023-07-17', () => {
    assert.deepEqual(enrichOrder(ORD0082999, ENRICHED.enriched_at), ENRICHED);
  });

  it('gives records the EnrichedOrder schema takes, whose total agrees with the raw order’s', () => {
    const schema = readSchemaFile('enriched-order');
    for (const order of sampleOrders(200, 'ENR', ['USD', 'EUR', 'JPY'])) {
      const enriched = enrichOrder(order, 0);
      assert.ok(schema.type.isValid(enriched), order.order_id);
      assert.ok(Math.abs(enriched.total_amount_minor - order.total_amount_minor) <= 1, order.order_id);
      assert.equal(enriched.revenue_minor + enriched.discount_minor, order.quantity * order.unit_price_minor);
    }
  });

  it('refuses an order whose currency is no ISO 4217 code', () => {
    assert.throws(() => enrichOrder({ ...ORD0082999, currency: 'XYZ' }, 0), ValidationError);
  });
});
