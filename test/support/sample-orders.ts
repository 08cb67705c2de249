import type { SalesOrder } from '../../schemas/types/sales-order.ts';

/**
 * Deterministic orders for round-trip tests: every field varies with the index. Currencies cycle
 * every 7 orders, a period prime to the 12 of category and country, so every category and
 * country sees every currency given.
 */
export function sampleOrders(count: number, prefix: string, currencies: readonly string[] = ['USD']): SalesOrder[] {
  const methods = ['CREDIT_CARD', 'DEBIT_CARD', 'UPI', 'AMAZON_PAY', 'NET_BANKING', 'CASH_ON_DELIVERY'] as const;
  const statuses = ['PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED'] as const;
  return Array.from({ length: count }, (_, i): SalesOrder => {
    const quantity = 1 + (i % 5);
    const unit = 499 + ((i * 7919) % 100_000);
    const discount = (i % 4) * 500;
    const tax = (i % 3) * 125;
    const shipping = (i % 2) * 599;
    return {
      order_id: `${prefix}-${String(i).padStart(7, '0')}`,
      order_date: 18_300 + (i % 1800),
      customer_id: `CUST${String(i % 5000).padStart(6, '0')}`,
      customer_name: `Customer ${i % 997} O'Brien & Sons`,
      product_id: `P${String(i % 300).padStart(5, '0')}`,
      product_name: `Product ${i % 300}, “deluxe”`,
      category: ['Electronics', 'Toys & Games', "Children's Book", 'Home & Kitchen'][i % 4] ?? 'Electronics',
      brand: `Brand${i % 40}`,
      quantity,
      unit_price_minor: unit,
      discount_bps: discount,
      tax_minor: tax,
      shipping_cost_minor: shipping,
      total_amount_minor: Math.round((quantity * unit * (10_000 - discount)) / 10_000) + tax + shipping,
      currency: currencies[(i % 7) % currencies.length] ?? 'USD',
      payment_method: methods[i % methods.length] ?? 'UPI',
      order_status: statuses[i % statuses.length] ?? 'PENDING',
      city: 'Springfield',
      state: 'IL',
      country: ['United States', 'India', 'UK'][i % 3] ?? 'United States',
      seller_id: `SELL${String(i % 150).padStart(5, '0')}`,
    };
  });
}
