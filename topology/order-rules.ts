import type { SalesOrder } from '../schemas/types/sales-order.ts';
import type { Rule } from '../streams/validate-records.ts';

/** Business rules of a sales order that its schema cannot express. */
export const orderRules: Readonly<Record<string, Rule<SalesOrder>>> = {
  'positive-quantity': (o) => (o.quantity > 0 ? undefined : `quantity ${o.quantity} is not positive`),
  'non-negative-amounts': (o) =>
    [o.unit_price_minor, o.tax_minor, o.shipping_cost_minor, o.total_amount_minor].every((a) => a >= 0) ? undefined : 'an amount is negative',
  'discount-in-range': (o) => (o.discount_bps >= 0 && o.discount_bps <= 10_000 ? undefined : `discount ${o.discount_bps} bps is outside 0..10000`),
  'known-category': (o) => (o.category.trim() === '' ? 'category is empty' : undefined),
};
