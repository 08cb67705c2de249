import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderRevenue, type OrderAmounts } from '../../../../streams/orders/order-revenue.ts';

const amounts = (over: Partial<OrderAmounts> = {}): OrderAmounts => ({
  quantity: 5,
  unitPriceMinor: 51_005,
  discountBps: 1_500,
  taxMinor: 10_839,
  shippingCostMinor: 1_127,
  status: 'DELIVERED',
  ...over,
});

describe('orderRevenue', () => {
  it('takes the discount off the gross, then adds tax and shipping for the total (the sample CSV row ORD0082999)', () => {
    // 5 × 510.05 = 2550.25; 15% off = 382.5375 → 382.54; revenue 2167.71; + 108.39 + 11.27 = 2287.37, as the CSV says.
    assert.deepEqual(orderRevenue(amounts()), {
      grossAmountMinor: 255_025,
      discountMinor: 38_254,
      revenueMinor: 216_771,
      netRevenueMinor: 216_771,
      totalAmountMinor: 228_737,
    });
  });

  it('rounds a discounted amount of exactly half a minor unit up, as the sales dataset rounds its totals', () => {
    // 1 × 0.25 at 10% off = 22.5 minor units; the file's total for such an order is 23 plus tax and shipping.
    const half = orderRevenue(amounts({ quantity: 1, unitPriceMinor: 25, discountBps: 1_000, taxMinor: 0, shippingCostMinor: 0 }));
    assert.deepEqual([half.revenueMinor, half.discountMinor, half.totalAmountMinor], [23, 2, 23]);
    assert.deepEqual([24, 26].map((unitPriceMinor) => orderRevenue(amounts({ quantity: 1, unitPriceMinor, discountBps: 1_000 })).revenueMinor), [22, 23]);
  });

  it('keeps no net revenue of a cancelled or returned order, but still counts its revenue', () => {
    for (const status of ['CANCELLED', 'RETURNED'] as const) {
      const r = orderRevenue(amounts({ status }));
      assert.deepEqual([r.revenueMinor, r.netRevenueMinor], [216_771, 0]);
    }
    for (const status of ['PENDING', 'SHIPPED', 'UNKNOWN'] as const) assert.equal(orderRevenue(amounts({ status })).netRevenueMinor, 216_771);
  });

  it('is exact where floating point is not: a gross above 2^53 / 10000', () => {
    const r = orderRevenue(amounts({ quantity: 1_000_000, unitPriceMinor: 9_007_199, discountBps: 3_333, taxMinor: 0, shippingCostMinor: 0 }));
    assert.equal(r.grossAmountMinor, 9_007_199_000_000);
    // 9_007_199_000_000 × 3333 / 10000 = 3_002_099_426_700 exactly.
    assert.equal(r.discountMinor, 3_002_099_426_700);
    assert.equal(r.revenueMinor, 6_005_099_573_300);
  });

  it('takes everything off at a full discount and nothing at none', () => {
    assert.equal(orderRevenue(amounts({ discountBps: 10_000 })).revenueMinor, 0);
    assert.equal(orderRevenue(amounts({ discountBps: 0 })).revenueMinor, 255_025);
  });
});
