// Generated from schemas/avro/enriched-order.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** A sales order with amounts converted to the reporting currency, the derived revenue figures, the catalog category path and calendar parts of the order date. Key: order_id as the Avro string schema. */
export interface EnrichedOrder {
  /** OrderID of the raw order; also the record key */
  order_id: string;
  /** Order date, days since the Unix epoch */
  order_date: number;
  /** Calendar year of order_date */
  order_year: number;
  /** Calendar quarter of order_date, 1 to 4 */
  order_quarter: number;
  /** Month of order_date, 1 to 12 */
  order_month: number;
  /** Day of month of order_date, 1 to 31 */
  order_day: number;
  /** ISO day of week of order_date, 1 (Monday) to 7 (Sunday) */
  order_day_of_week: number;
  /** ISO 8601 week number of order_date, 1 to 53 */
  order_iso_week: number;
  /** CustomerID of the raw order */
  customer_id: string;
  /** ProductID of the raw order */
  product_id: string;
  /** ProductName of the raw order */
  product_name: string;
  /** Brand of the raw order */
  brand: string;
  /** Category as given by the raw order */
  category: string;
  /** Category path from the root (such as Electronics, Headphones); the catalog's when the product is known, else just category */
  category_path: string[];
  /** Quantity ordered */
  quantity: number;
  /** ISO 4217 reporting currency of every _minor amount in this record */
  currency: string;
  /** ISO 4217 currency of the raw order */
  original_currency: string;
  /** Units of currency per unit of original_currency, times 1,000,000 (1,000,000 when they are the same) */
  fx_rate_micros: number;
  /** Unit price in minor units of currency */
  unit_price_minor: number;
  /** quantity * unit_price_minor, before discount */
  gross_amount_minor: number;
  /** Discount as basis points of the gross amount */
  discount_bps: number;
  /** Discount in minor units: gross_amount_minor - revenue_minor */
  discount_minor: number;
  /** Tax in minor units of currency */
  tax_minor: number;
  /** Shipping cost in minor units of currency */
  shipping_cost_minor: number;
  /** What the customer paid: revenue_minor + tax_minor + shipping_cost_minor */
  total_amount_minor: number;
  /** Merchandise revenue: gross_amount_minor * (10000 - discount_bps) / 10000, rounded half up, as the sales dataset rounds its totals (no tax, no shipping) */
  revenue_minor: number;
  /** Revenue that stays: revenue_minor, or 0 when the order is CANCELLED or RETURNED */
  net_revenue_minor: number;
  /** Payment method of the raw order */
  payment_method: PaymentMethod;
  /** Status of the raw order */
  order_status: OrderStatus;
  /** City of delivery */
  city: string;
  /** State of delivery */
  state: string;
  /** Country as written in the raw order */
  country: string;
  /** ISO 3166-1 alpha-2 code of country; null when the name is not recognised */
  country_code: string | null;
  /** SellerID of the raw order */
  seller_id: string;
  /** When the enrichment ran */
  enriched_at: number;
}

/** How the order was paid; UNKNOWN stands for any method this reader does not know yet */
export type PaymentMethod = 'UNKNOWN' | 'CREDIT_CARD' | 'DEBIT_CARD' | 'UPI' | 'AMAZON_PAY' | 'NET_BANKING' | 'CASH_ON_DELIVERY';

/** Where the order stands; UNKNOWN stands for any status this reader does not know yet */
export type OrderStatus = 'UNKNOWN' | 'PENDING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'RETURNED';
