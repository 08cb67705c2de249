import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { composite, count, distinctCount, max, min, quantiles, sum } from '../aggregations/index.ts';
import type { StreamRecord } from '../stream-record.ts';

/**
 * The measures of one window of orders: what the gold table and the KPI dashboard show. Amounts
 * are summed as they are, so every order of a window must share one currency (see orderGroupKey).
 */
export const orderMeasures = composite<StreamRecord<SalesOrder>>()({
  orders: { of: count() },
  revenue: { of: sum(), value: (r) => r.value.total_amount_minor },
  smallest: { of: min(), value: (r) => r.value.total_amount_minor },
  largest: { of: max(), value: (r) => r.value.total_amount_minor },
  customers: { of: distinctCount(), value: (r) => r.value.customer_id },
  quantiles: { of: quantiles([0.5, 0.9, 0.99]), value: (r) => r.value.total_amount_minor },
});

export type OrderMeasures = ReturnType<typeof orderMeasures.result>;
