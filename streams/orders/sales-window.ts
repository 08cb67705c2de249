import type { EnrichedOrder } from '../../schemas/types/enriched-order.ts';
import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import { composite, count, max, min, sum } from '../aggregations/index.ts';
import type { StreamRecord } from '../stream-record.ts';
import type { WindowResult } from '../window-aggregate.ts';
import { windowAggregateRecord } from '../window-aggregate-record.ts';

/** The lengths of the sales KPI windows, by the word their metrics end with. */
export type SalesWindowPeriod = 'minute' | 'hour';

/** The metrics of a sales window, one WindowAggregate record each: revenue, net revenue (money in the group's currency) and units. */
export const salesWindowMetrics = (period: SalesWindowPeriod) =>
  ({ revenue: `sales_revenue_per_${period}`, netRevenue: `sales_net_revenue_per_${period}`, units: `sales_units_per_${period}` }) as const;

/**
 * The group of an enriched order's sales window: `category|country|payment method|currency`, the
 * KPIs' dimensions and the currency of its amounts, so amounts in different currencies never
 * meet in one sum. The currency is the last part (it holds no `|`; a category may).
 */
export const salesWindowGroup = (o: EnrichedOrder): string => [o.category, o.country, o.payment_method, o.currency].join('|');

const currencyOf = (group: string): string => group.slice(group.lastIndexOf('|') + 1);

/**
 * The orders of a window and what they brought: revenue_minor (merchandise after discount, no tax
 * or shipping), net_revenue_minor (nothing for a cancelled or returned order) and units, each
 * with its range.
 */
export const salesWindowMeasures = composite<StreamRecord<EnrichedOrder>>()({
  orders: { of: count() },
  revenue: { of: sum(), value: (r) => r.value.revenue_minor },
  smallestRevenue: { of: min(), value: (r) => r.value.revenue_minor },
  largestRevenue: { of: max(), value: (r) => r.value.revenue_minor },
  netRevenue: { of: sum(), value: (r) => r.value.net_revenue_minor },
  smallestNetRevenue: { of: min(), value: (r) => r.value.net_revenue_minor },
  largestNetRevenue: { of: max(), value: (r) => r.value.net_revenue_minor },
  units: { of: sum(), value: (r) => r.value.quantity },
  fewestUnits: { of: min(), value: (r) => r.value.quantity },
  mostUnits: { of: max(), value: (r) => r.value.quantity },
});

export type SalesWindow = ReturnType<typeof salesWindowMeasures.result>;

/** A sales window as its output records, each counting the window's orders: revenue and net revenue in minor units of the group's currency, units as items. */
export function salesWindowAggregates(period: SalesWindowPeriod): (w: WindowResult<SalesWindow>) => WindowAggregate[] {
  const metrics = salesWindowMetrics(period);
  return (w) => {
    const m = w.result;
    const currency = currencyOf(w.group);
    return [
      windowAggregateRecord(w, { metric: metrics.revenue, unit: 'MINOR_UNITS', currency, count: m.orders, sum: m.revenue, min: m.smallestRevenue ?? 0, max: m.largestRevenue ?? 0 }),
      windowAggregateRecord(w, { metric: metrics.netRevenue, unit: 'MINOR_UNITS', currency, count: m.orders, sum: m.netRevenue, min: m.smallestNetRevenue ?? 0, max: m.largestNetRevenue ?? 0 }),
      windowAggregateRecord(w, { metric: metrics.units, unit: 'ITEMS', currency: null, count: m.orders, sum: m.units, min: m.fewestUnits ?? 0, max: m.mostUnits ?? 0 }),
    ];
  };
}
