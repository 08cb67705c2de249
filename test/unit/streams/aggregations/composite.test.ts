import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregationError } from '../../../../errors/index.ts';
import type { SalesOrder } from '../../../../schemas/types/sales-order.ts';
import { average, composite, count, distinctCount, max, quantiles, sum } from '../../../../streams/aggregations/index.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

/** What a topology declares for per-minute revenue by category. */
const revenue = composite<SalesOrder>()({
  revenue: { of: sum(), value: (o) => o.total_amount_minor },
  orders: { of: count() },
  items: { of: sum(), value: (o) => o.quantity },
  customers: { of: distinctCount(), value: (o) => o.customer_id },
  average: { of: average(), value: (o) => o.total_amount_minor },
  largest: { of: max(), value: (o) => o.total_amount_minor },
  totals: { of: quantiles([0.5, 0.9]), value: (o) => o.total_amount_minor },
  // Only cancelled orders count here: other records leave the field out.
  cancelled: { of: count(), value: (o) => (o.order_status === 'CANCELLED' ? 1 : null) },
});

const fold = (orders: readonly SalesOrder[], from = revenue.init()) => orders.reduce((s, o) => revenue.add(s, o), from);

describe('composite', () => {
  const orders = sampleOrders(7_000, 'ORD');

  it('computes every field as a direct computation over the same orders would', () => {
    const result = revenue.result(fold(orders));
    const totals = orders.map((o) => o.total_amount_minor).sort((a, b) => a - b);
    const total = totals.reduce((a, b) => a + b, 0);
    assert.equal(result.revenue, total);
    assert.equal(result.orders, orders.length);
    assert.equal(result.items, orders.reduce((a, o) => a + o.quantity, 0));
    // 5,000 customers is past the exact limit (1,000): the HyperLogLog estimate is within 2%.
    const customers = new Set(orders.map((o) => o.customer_id)).size;
    assert.ok(Math.abs(result.customers - customers) <= 0.02 * customers, `${result.customers} vs ${customers}`);
    assert.equal(result.average, total / orders.length);
    assert.equal(result.largest, totals.at(-1));
    assert.equal(result.cancelled, orders.filter((o) => o.order_status === 'CANCELLED').length);
    for (const { permille, value } of result.totals) {
      const exact = totals[Math.floor((permille / 1000) * (totals.length - 1))] as number;
      assert.ok(Math.abs(value - exact) <= 0.01 * exact, `p${permille / 10}: ${value} vs ${exact}`);
    }
  });

  it('merges per-partition states into exactly the one-pass state', () => {
    const a = fold(orders.slice(0, 1000));
    const b = fold(orders.slice(1000, 4500));
    const c = fold(orders.slice(4500));
    const whole = revenue.toJSON(fold(orders));
    assert.deepEqual(revenue.toJSON(revenue.merge(revenue.merge(a, b), c)), whole);
    assert.deepEqual(revenue.toJSON(revenue.merge(c, revenue.merge(b, a))), whole);
  });

  it('survives a trip through changelog bytes and resumes as if never stopped', () => {
    const bytes = Buffer.from(JSON.stringify(revenue.toJSON(fold(orders.slice(0, 2500)))));
    const restored = revenue.fromJSON(JSON.parse(bytes.toString('utf8')));
    const resumed = fold(orders.slice(2500), restored);
    assert.deepEqual(revenue.result(resumed), revenue.result(fold(orders)));
    assert.deepEqual(revenue.toJSON(resumed), revenue.toJSON(fold(orders)));
  });

  it('refuses stored state missing a field or holding a bad one', () => {
    const stored = revenue.toJSON(fold(orders.slice(0, 10))) as Record<string, unknown>;
    const missing = Object.fromEntries(Object.entries(stored).filter(([name]) => name !== 'customers'));
    const bad = (e: unknown) => e instanceof AggregationError && e.code === 'AGGREGATE_STATE_INVALID';
    assert.throws(() => revenue.fromJSON(missing), (e) => bad(e) && /customers/.test((e as Error).message));
    assert.throws(() => revenue.fromJSON({ ...stored, revenue: 'lots' }), (e) => bad(e) && (e as AggregationError).accumulator === 'sum');
  });

  it('passes a bad value on as the field accumulator’s typed error', () => {
    const broken = composite<{ price: number }>()({ revenue: { of: sum(), value: (r) => r.price } });
    assert.throws(() => broken.add(broken.init(), { price: 9.99 }), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_VALUE_INVALID');
  });
});
