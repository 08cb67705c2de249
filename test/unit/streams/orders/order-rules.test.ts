import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import type { SalesOrder } from '../../../../schemas/types/sales-order.ts';
import { emptyOutcomes } from '../../../../streams/batch.ts';
import { orderRules } from '../../../../streams/orders/order-rules.ts';
import { validateRecords } from '../../../../streams/validate-records.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

const validate = async (orders: readonly SalesOrder[]) => {
  const records = orders.map((value, i) => ({ key: null, value, timestamp: 0, headers: {}, origin: { topic: 'orders', partition: 0, offset: String(i) }, raw: { key: null, value: null } }));
  return firstValueFrom(of({ topic: 'orders', partition: 0, records, ...emptyOutcomes() }).pipe(validateRecords('validate-orders', orderRules)));
};

describe('orderRules', () => {
  it('passes well-formed orders in any ISO currency', async () => {
    const out = await validate(sampleOrders(20, 'OK', ['USD', 'EUR', 'JPY']));
    assert.equal(out.records.length, 20);
    assert.deepEqual(out.deadLetters, []);
  });

  it('dead-letters an order whose currency is not an ISO 4217 code, naming every broken rule', async () => {
    const [order] = sampleOrders(1, 'BAD');
    assert.ok(order);
    const out = await validate([{ ...order, currency: 'usd', quantity: 0 }]);
    assert.equal(out.records.length, 0);
    assert.deepEqual(
      out.deadLetters.map((d) => [d.code, d.message]),
      [['VALIDATION_FAILED', 'positive-quantity: quantity 0 is not positive; currency-code: currency "usd" is not an ISO 4217 code']],
    );
  });
});
