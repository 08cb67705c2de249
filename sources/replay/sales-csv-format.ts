import type { OrderStatus, PaymentMethod } from '../../schemas/types/sales-order.ts';

/** The 20 columns of the Amazon sales orders CSV, in the order the dataset writes them. */
export const SALES_COLUMNS = [
  'OrderID', 'OrderDate', 'CustomerID', 'CustomerName', 'ProductID', 'ProductName', 'Category', 'Brand', 'Quantity', 'UnitPrice',
  'Discount', 'Tax', 'ShippingCost', 'TotalAmount', 'PaymentMethod', 'OrderStatus', 'City', 'State', 'Country', 'SellerID',
] as const;

export type SalesColumn = (typeof SALES_COLUMNS)[number];

/**
 * The currency of the sales CSV's amounts. The dataset names none; its cities and states are all
 * American and its amounts are dollars-and-cents, so USD (the `Country` column disagrees with the
 * city in a quarter of the rows, an artefact of the synthetic source, and is not taken as currency).
 */
export const SALES_CSV_CURRENCY = 'USD';

/** How the dataset writes each payment method. */
export const PAYMENT_METHOD_LABELS: Readonly<Record<Exclude<PaymentMethod, 'UNKNOWN'>, string>> = {
  CREDIT_CARD: 'Credit Card',
  DEBIT_CARD: 'Debit Card',
  UPI: 'UPI',
  AMAZON_PAY: 'Amazon Pay',
  NET_BANKING: 'Net Banking',
  CASH_ON_DELIVERY: 'Cash on Delivery',
};

/** How the dataset writes each order status. */
export const ORDER_STATUS_LABELS: Readonly<Record<Exclude<OrderStatus, 'UNKNOWN'>, string>> = {
  PENDING: 'Pending',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  RETURNED: 'Returned',
};

const squash = (label: string): string => label.toLowerCase().replace(/[^a-z]/g, '');
const PAYMENT_BY_LABEL = new Map<string, PaymentMethod>(
  Object.entries(PAYMENT_METHOD_LABELS).map(([symbol, label]) => [squash(label), symbol as PaymentMethod]),
);
const STATUS_BY_LABEL = new Map<string, OrderStatus>([
  ...Object.entries(ORDER_STATUS_LABELS).map(([symbol, label]): [string, OrderStatus] => [squash(label), symbol as OrderStatus]),
  ['canceled', 'CANCELLED'],
]);

/** "Credit Card", "credit card", "CREDIT_CARD" → CREDIT_CARD; any other text is UNKNOWN, as the schema says. */
export function paymentMethodOf(label: string): PaymentMethod {
  return PAYMENT_BY_LABEL.get(squash(label)) ?? 'UNKNOWN';
}

/** "Delivered", "DELIVERED", "Canceled" → the schema's symbol; any other text is UNKNOWN. */
export function orderStatusOf(label: string): OrderStatus {
  return STATUS_BY_LABEL.get(squash(label)) ?? 'UNKNOWN';
}
