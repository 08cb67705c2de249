import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregationError } from '../../../../errors/index.ts';
import { orderGroupKey, orderGroupOf } from '../../../../streams/orders/order-group.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

describe('order group', () => {
  it('keys an order by category, country and currency, and reads the key back', () => {
    const [order] = sampleOrders(1, 'G', ['EUR']);
    assert.ok(order);
    assert.equal(orderGroupKey(order), 'Electronics|United States|EUR');
    assert.deepEqual(orderGroupOf(orderGroupKey(order)), { category: 'Electronics', country: 'United States', currency: 'EUR' });
  });

  it('reads a category holding the separator whole', () => {
    assert.deepEqual(orderGroupOf('Books|Comics|India|INR'), { category: 'Books|Comics', country: 'India', currency: 'INR' });
  });

  it('refuses a key without a currency, such as a group written before revenue was split by currency', () => {
    assert.throws(() => orderGroupOf('Electronics|India'), AggregationError);
  });
});
