// Generated from schemas/avro/sales-order.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** One row of the Amazon sales orders CSV (20 columns), as replayed into Kafka. Key: order_id as the Avro string schema. Money is in minor units of `currency`. */
export interface SalesOrder {
  /** OrderID, a zero-padded string such as ORD0082999; also the record key */
  order_id: string;
  /** OrderDate, days since the Unix epoch (the CSV gives YYYY-MM-DD) */
  order_date: number;
  /** CustomerID, such as CUST045900; one name may map to many ids */
  customer_id: string;
  /** CustomerName as written in the source */
  customer_name: string;
  /** ProductID, such as P00015; not an ASIN, and one id may appear under several categories */
  product_id: string;
  /** ProductName */
  product_name: string;
  /** Category, such as Toys & Games */
  category: string;
  /** Brand */
  brand: string;
  /** Quantity ordered */
  quantity: number;
  /** UnitPrice in minor units of currency (cents) */
  unit_price_minor: number;
  /** Discount as basis points of the gross amount (0.15 becomes 1500) */
  discount_bps: number;
  /** Tax in minor units; 0 in some source rows */
  tax_minor: number;
  /** ShippingCost in minor units */
  shipping_cost_minor: number;
  /** TotalAmount in minor units: quantity * unit price * (1 - discount) + tax + shipping */
  total_amount_minor: number;
  /** ISO 4217 code of every amount in the record */
  currency: string;
  /** PaymentMethod (Credit Card, Debit Card, UPI, Amazon Pay, Net Banking, Cash on Delivery) */
  payment_method: PaymentMethod;
  /** OrderStatus (Pending, Shipped, Delivered, Cancelled, Returned) */
  order_status: OrderStatus;
  /** City of delivery */
  city: string;
  /** State of delivery */
  state: string;
  /** Country as written in the source (not validated against city) */
  country: string;
  /** SellerID, such as SELL00102 */
  seller_id: string;
}

/** How the order was paid; UNKNOWN stands for any method this reader does not know yet */
export type PaymentMethod = 'UNKNOWN' | 'CREDIT_CARD' | 'DEBIT_CARD' | 'UPI' | 'AMAZON_PAY' | 'NET_BANKING' | 'CASH_ON_DELIVERY';

/** Where the order stands; UNKNOWN stands for any status this reader does not know yet */
export type OrderStatus = 'UNKNOWN' | 'PENDING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'RETURNED';
