import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowRejectedError } from '../../../../errors/index.ts';
import { orderTableRow } from '../../../../streams/orders/order-table-row.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

describe('orderTableRow', () => {
  it('writes the order date as YYYY-MM-DD and every other field as it is', () => {
    const [order] = sampleOrders(1, 'ROW');
    assert.ok(order);
    const dated = { ...order, order_date: 19_555 };
    assert.deepEqual(orderTableRow('orders_raw', dated), { ...dated, order_date: '2023-07-17' });
  });

  it('rejects a date a ClickHouse Date cannot hold, naming the table and column', () => {
    for (const days of [-1, 65_536, 1.5]) {
      assert.throws(
        () => orderTableRow('orders_enriched', { order_date: days }),
        (error: unknown) => error instanceof RowRejectedError && error.table === 'orders_enriched' && error.field === 'order_date' && !error.retriable,
      );
    }
    assert.equal(orderTableRow('orders_raw', { order_date: 65_535 }).order_date, '2149-06-06');
  });
});
