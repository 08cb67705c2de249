import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import type { WindowResult } from '../window-aggregate.ts';
import type { OrderMeasures } from './order-measures.ts';
import { orderGroupOf } from './order-group.ts';

/** One window's order measures as the output record of `metric`, money in minor units of the group's currency. */
export function toWindowAggregate(metric: string, w: WindowResult<OrderMeasures>): WindowAggregate {
  const m = w.result;
  return {
    metric,
    key: w.group,
    window_kind: 'TUMBLING',
    window_start: w.window.start,
    window_end: w.window.end,
    unit: 'MINOR_UNITS',
    currency: orderGroupOf(w.group).currency,
    count: m.orders,
    sum: m.revenue,
    min: m.smallest ?? 0,
    max: m.largest ?? 0,
    avg: m.orders === 0 ? 0 : Math.round(m.revenue / m.orders),
    distinct_count: m.customers,
    quantiles: m.quantiles.map((q) => ({ permille: q.permille, value: Math.round(q.value) })),
    is_final: w.final,
    emitted_at: w.window.end,
  };
}
