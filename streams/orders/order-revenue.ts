import type { OrderStatus } from '../../schemas/types/sales-order.ts';

/** What an order's amounts are made of, in minor units of one currency. */
export interface OrderAmounts {
  readonly quantity: number;
  readonly unitPriceMinor: number;
  /** Discount as basis points of the gross amount. */
  readonly discountBps: number;
  readonly taxMinor: number;
  readonly shippingCostMinor: number;
  readonly status: OrderStatus;
}

/**
 * The revenue figures of an order, as the EnrichedOrder schema defines them:
 * - gross = quantity × unit price, before discount;
 * - revenue = gross × (10000 − discount bps) / 10000, rounded half up to a minor unit: merchandise
 *   only, no tax, no shipping. The discounted amount is what is rounded, as the sales dataset's
 *   totals and our generator's are: rounding the discount instead gave a total a cent short of the
 *   file's on every order whose discounted amount ends in half a cent;
 * - discount = gross − revenue;
 * - net revenue = revenue, or 0 when the order was cancelled or returned (the money did not stay);
 * - total = revenue + tax + shipping: what the customer paid.
 * Computed in bigint so no product of large amounts loses a unit.
 */
export interface OrderRevenue {
  readonly grossAmountMinor: number;
  readonly discountMinor: number;
  readonly revenueMinor: number;
  readonly netRevenueMinor: number;
  readonly totalAmountMinor: number;
}

const BPS = 10_000n;
const LOST: ReadonlySet<OrderStatus> = new Set(['CANCELLED', 'RETURNED']);

export function orderRevenue(a: OrderAmounts): OrderRevenue {
  const gross = BigInt(a.quantity) * BigInt(a.unitPriceMinor);
  // Half up: add half the divisor before the (flooring, for non-negative values) division.
  const revenue = (gross * (BPS - BigInt(a.discountBps)) + BPS / 2n) / BPS;
  const discount = gross - revenue;
  return {
    grossAmountMinor: Number(gross),
    discountMinor: Number(discount),
    revenueMinor: Number(revenue),
    netRevenueMinor: LOST.has(a.status) ? 0 : Number(revenue),
    totalAmountMinor: Number(revenue + BigInt(a.taxMinor) + BigInt(a.shippingCostMinor)),
  };
}
