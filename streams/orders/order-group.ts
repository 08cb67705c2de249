import { AggregationError } from '../../errors/index.ts';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';

/**
 * The group an order's revenue is counted in: the dimensions of the revenue KPIs, and the
 * currency, since amounts in different currencies do not add up.
 */
export interface OrderGroup {
  readonly category: string;
  readonly country: string;
  readonly currency: string;
}

const SEPARATOR = '|';

/** The key of an order's group, `category|country|currency`: the repartition key and the key of its windows. */
export const orderGroupKey = (order: SalesOrder): string => [order.category, order.country, order.currency].join(SEPARATOR);

/**
 * The group a key names. Read from the end: a currency code and a country hold no separator,
 * and the category keeps whatever is left.
 */
export function orderGroupOf(key: string): OrderGroup {
  const parts = key.split(SEPARATOR);
  const currency = parts.pop();
  const country = parts.pop();
  if (currency === undefined || country === undefined || parts.length === 0) {
    throw new AggregationError('AGGREGATE_STATE_INVALID', 'order group', `group ${JSON.stringify(key)} is not category|country|currency`);
  }
  return { category: parts.join(SEPARATOR), country, currency };
}
