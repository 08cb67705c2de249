import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import type { Rule } from '../validate-records.ts';
import { isoCurrency } from './order-currency.ts';

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Business rules of a sales order that its schema cannot express. */
export const orderRules: Readonly<Record<string, Rule<SalesOrder>>> = {
  'positive-quantity': (o) => (o.quantity > 0 ? undefined : `quantity ${o.quantity} is not positive`),
  'non-negative-amounts': (o) =>
    [o.unit_price_minor, o.tax_minor, o.shipping_cost_minor, o.total_amount_minor].every((a) => a >= 0) ? undefined : 'an amount is negative',
  'discount-in-range': (o) => (o.discount_bps >= 0 && o.discount_bps <= 10_000 ? undefined : `discount ${o.discount_bps} bps is outside 0..10000`),
  'known-category': (o) => (o.category.trim() === '' ? 'category is empty' : undefined),
  // Revenue is grouped by currency: "usd" beside "USD" would split one currency's totals in two.
  'currency-code': (o) => (CURRENCY_CODE.test(o.currency) && isoCurrency(o.currency) !== undefined ? undefined : `currency ${JSON.stringify(o.currency)} is not an ISO 4217 code`),
};
