import { ValidationError } from '../../errors/index.ts';
import type { EnrichedOrder } from '../../schemas/types/enriched-order.ts';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { categoryPath } from './category-path.ts';
import { countryCode } from './country-code.ts';
import { dateParts } from './date-parts.ts';
import { reportingCurrency } from './order-currency.ts';
import { orderRevenue } from './order-revenue.ts';

const DAY_MS = 86_400_000;

/**
 * A validated order as an EnrichedOrder: amounts in the reporting currency, the revenue figures of
 * orderRevenue, the category as a path, the country's ISO code and the calendar parts of the order
 * date in UTC (the schema's date parts are of order_date; the replay places an order's event time
 * within its order date, so they are the event time's too). `enrichedAt` is when enrichment ran.
 * Throws ValidationError for a currency that is no ISO 4217 code (validation lets none through).
 */
export function enrichOrder(order: SalesOrder, enrichedAt: number): EnrichedOrder {
  const money = reportingCurrency(order.currency);
  if (money === undefined) throw new ValidationError([`currency ${JSON.stringify(order.currency)} is not an ISO 4217 code`], {});
  const revenue = orderRevenue({
    quantity: order.quantity,
    unitPriceMinor: order.unit_price_minor,
    discountBps: order.discount_bps,
    taxMinor: order.tax_minor,
    shippingCostMinor: order.shipping_cost_minor,
    status: order.order_status,
  });
  const date = dateParts(order.order_date * DAY_MS);
  return {
    order_id: order.order_id,
    order_date: order.order_date,
    order_year: date.year,
    order_quarter: date.quarter,
    order_month: date.month,
    order_day: date.day,
    order_day_of_week: date.dayOfWeek,
    order_iso_week: date.isoWeek,
    customer_id: order.customer_id,
    product_id: order.product_id,
    product_name: order.product_name,
    brand: order.brand,
    category: order.category,
    category_path: categoryPath(order.category),
    quantity: order.quantity,
    currency: money.currency,
    original_currency: money.originalCurrency,
    fx_rate_micros: money.fxRateMicros,
    unit_price_minor: order.unit_price_minor,
    gross_amount_minor: revenue.grossAmountMinor,
    discount_bps: order.discount_bps,
    discount_minor: revenue.discountMinor,
    tax_minor: order.tax_minor,
    shipping_cost_minor: order.shipping_cost_minor,
    total_amount_minor: revenue.totalAmountMinor,
    revenue_minor: revenue.revenueMinor,
    net_revenue_minor: revenue.netRevenueMinor,
    payment_method: order.payment_method,
    order_status: order.order_status,
    city: order.city,
    state: order.state,
    country: order.country,
    country_code: countryCode(order.country),
    seller_id: order.seller_id,
    enriched_at: enrichedAt,
  };
}
