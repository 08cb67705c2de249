import type { MovementFigures } from './expected-asin-windows.ts';

/** An order as the sales windows count it: its group's parts, its amounts and its event time. */
export interface TimedSale {
  readonly category: string;
  readonly country: string;
  readonly paymentMethod: string;
  readonly currency: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly discountBps: number;
  /** Cancelled or returned: its revenue did not stay. */
  readonly lost: boolean;
  readonly timestamp: number;
}

const PERIOD_MS = { minute: 60_000, hour: 3_600_000 } as const;

/**
 * Revenue, net revenue and units per category, country, payment method, currency and minute (or
 * hour), computed directly from the orders: revenue is quantity × unit price at the discount,
 * rounded half up, as the EnrichedOrder schema defines it.
 */
export function expectedSalesWindows(sales: readonly TimedSale[], period: keyof typeof PERIOD_MS): MovementFigures {
  const size = PERIOD_MS[period];
  const out: MovementFigures = {};
  const add = (metric: string, id: string, value: number, currency: string | null) => {
    const f = out[`${metric}|${id}`];
    out[`${metric}|${id}`] = f === undefined ? { count: 1, sum: value, min: value, max: value, currency } : { count: f.count + 1, sum: f.sum + value, min: Math.min(f.min, value), max: Math.max(f.max, value), currency };
  };
  for (const s of sales) {
    const gross = s.quantity * s.unitPriceMinor;
    const revenue = Math.floor((gross * (10_000 - s.discountBps) + 5_000) / 10_000);
    const id = `${s.category}|${s.country}|${s.paymentMethod}|${s.currency}|${Math.floor(s.timestamp / size) * size}`;
    add(`sales_revenue_per_${period}`, id, revenue, s.currency);
    add(`sales_net_revenue_per_${period}`, id, s.lost ? 0 : revenue, s.currency);
    add(`sales_units_per_${period}`, id, s.quantity, null);
  }
  return out;
}
