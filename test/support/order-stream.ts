import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { sampleOrders } from './sample-orders.ts';

export interface TimedOrder {
  readonly order: SalesOrder;
  /** Event time: the Kafka record timestamp the order is produced with. */
  readonly timestamp: number;
}

/**
 * Orders spread over `minutes` of event time starting at `start`, slightly out of order (each
 * within `jitterMs` of its place), deterministic for a prefix, in the currencies given (USD alone by default).
 */
export function orderStream(count: number, prefix: string, start: number, minutes: number, jitterMs = 2_000, currencies?: readonly string[]): TimedOrder[] {
  const span = minutes * 60_000;
  return sampleOrders(count, prefix, currencies).map((order, i) => ({
    order,
    timestamp: start + Math.floor((i * span) / count) + ((i * 7919) % jitterMs),
  }));
}

export interface ExpectedWindow {
  readonly currency: string;
  readonly orders: number;
  readonly revenue: number;
  readonly smallest: number;
  readonly largest: number;
  readonly customers: number;
  readonly totals: number[];
}

/** The window an order counts in, as the results are keyed: `category|country|currency|window_start`. */
export function expectedWindowKey({ order, timestamp }: TimedOrder, windowMs: number): string {
  return `${order.category}|${order.country}|${order.currency}|${Math.floor(timestamp / windowMs) * windowMs}`;
}

/** What windowed revenue by category, country and currency must be, computed directly from the orders. */
export function expectedRevenue(orders: readonly TimedOrder[], windowMs: number): Map<string, ExpectedWindow> {
  const out = new Map<string, ExpectedWindow & { customerSet: Set<string> }>();
  for (const timed of orders) {
    const { order } = timed;
    const key = expectedWindowKey(timed, windowMs);
    const e = out.get(key) ?? { orders: 0, revenue: 0, smallest: Infinity, largest: -Infinity, customers: 0, totals: [], customerSet: new Set() };
    e.customerSet.add(order.customer_id);
    out.set(key, {
      currency: order.currency,
      orders: e.orders + 1,
      revenue: e.revenue + order.total_amount_minor,
      smallest: Math.min(e.smallest, order.total_amount_minor),
      largest: Math.max(e.largest, order.total_amount_minor),
      customers: e.customerSet.size,
      totals: [...e.totals, order.total_amount_minor],
      customerSet: e.customerSet,
    });
  }
  return new Map(
    [...out].map(([k, v]) => [k, { currency: v.currency, orders: v.orders, revenue: v.revenue, smallest: v.smallest, largest: v.largest, customers: v.customers, totals: v.totals }]),
  );
}
