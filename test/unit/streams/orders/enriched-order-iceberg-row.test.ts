import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowRejectedError } from '../../../../errors/index.ts';
import { enrichOrder } from '../../../../streams/orders/enrich-order.ts';
import { enrichedOrderIcebergRow } from '../../../../streams/orders/enriched-order-iceberg-row.ts';
import { enrichedOrdersIcebergSchema } from '../../../../streams/orders/enriched-orders-iceberg-table.ts';
import type { EnrichedOrder } from '../../../../schemas/types/enriched-order.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

const schema = enrichedOrdersIcebergSchema();
const [order] = sampleOrders(1, 'SILVER');
assert.ok(order);
const enriched = enrichOrder(order, Date.UTC(2026, 0, 1));
function rejects(value: Partial<Record<keyof EnrichedOrder, unknown>>, column: string): void {
  assert.throws(
    () => enrichedOrderIcebergRow('sales.orders_enriched', schema, { ...enriched, ...value } as EnrichedOrder),
    (error: unknown) => error instanceof RowRejectedError && error.table === 'sales.orders_enriched' && error.field === column && !error.retriable,
  );
}

describe('enrichedOrderIcebergRow', () => {
  it('gives an enriched order as a row of the silver table with every field as it is, the optional country code empty or not', () => {
    assert.deepEqual(enrichedOrderIcebergRow('sales.orders_enriched', schema, enriched), enriched);
    assert.equal(enrichedOrderIcebergRow('sales.orders_enriched', schema, { ...enriched, country_code: null }).country_code, null);
  });

  it('rejects an empty required column and an integer its column cannot hold, naming the table and column', () => {
    rejects({ customer_id: null }, 'customer_id');
    rejects({ order_date: 1.5 }, 'order_date');
    rejects({ quantity: 2 ** 31 }, 'quantity');
    rejects({ revenue_minor: Number.MAX_SAFE_INTEGER + 2 }, 'revenue_minor');
  });
});
