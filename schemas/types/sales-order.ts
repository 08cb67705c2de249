/** TypeScript face of `schemas/avro/sales-order.avsc`; `test/unit/schemas/schema-types.test.ts` keeps them in step. */
export interface SalesOrder {
  order_id: string;
  order_date: number;
  customer_id: string;
  customer_name: string;
  product_id: string;
  product_name: string;
  category: string;
  brand: string;
  quantity: number;
  unit_price_minor: number;
  discount_bps: number;
  tax_minor: number;
  shipping_cost_minor: number;
  total_amount_minor: number;
  currency: string;
  payment_method: 'UNKNOWN' | 'CREDIT_CARD' | 'DEBIT_CARD' | 'UPI' | 'AMAZON_PAY' | 'NET_BANKING' | 'CASH_ON_DELIVERY';
  order_status: 'UNKNOWN' | 'PENDING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'RETURNED';
  city: string;
  state: string;
  country: string;
  seller_id: string;
}
