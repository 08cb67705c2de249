import { RowError } from '../../errors/index.ts';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { parseMoneyText } from './money-text.ts';
import type { RowPosition } from './row-position.ts';
import { orderStatusOf, paymentMethodOf, SALES_CSV_CURRENCY, type SalesColumn } from './sales-csv-format.ts';
import { parseScaledDecimal } from './scaled-decimal.ts';

const DAY_MS = 86_400_000;
const BPS = 10_000n;
const INT32_MAX = 2 ** 31 - 1;

/**
 * One sales CSV row as a SalesOrder: money in exact minor units of `currency`, the discount
 * fraction in basis points, the date as days since the epoch. Empty Discount, Tax or ShippingCost
 * mean none; a row whose TotalAmount disagrees with its parts is invalid (see checkTotal).
 * Throws RowError (ROW_INVALID) naming the first column at fault.
 */
export function parseSalesRow(values: Readonly<Record<SalesColumn, string>>, at: RowPosition, currency = SALES_CSV_CURRENCY): SalesOrder {
  const fail = (field: SalesColumn, reason: string): never => {
    throw new RowError('ROW_INVALID', `${field}: ${reason}`, at, field);
  };
  const required = (field: SalesColumn): string => (values[field] === '' ? fail(field, 'is empty') : values[field]);
  const money = (field: SalesColumn, emptyIsZero: boolean): number => {
    if (values[field] === '' && emptyIsZero) return 0;
    const amount = parseMoneyText(required(field), currency);
    return 'problem' in amount ? fail(field, amount.problem) : amount.minor;
  };

  const order: SalesOrder = {
    order_id: required('OrderID'),
    order_date: daysOf(required('OrderDate')) ?? fail('OrderDate', `'${values.OrderDate}' is not a date (YYYY-MM-DD)`),
    customer_id: required('CustomerID'),
    customer_name: values.CustomerName,
    product_id: required('ProductID'),
    product_name: values.ProductName,
    category: values.Category,
    brand: values.Brand,
    quantity: quantityOf(required('Quantity')) ?? fail('Quantity', `'${values.Quantity}' is not a whole number from 1 to ${INT32_MAX}`),
    unit_price_minor: money('UnitPrice', false),
    discount_bps: discountOf(values.Discount, fail),
    tax_minor: money('Tax', true),
    shipping_cost_minor: money('ShippingCost', true),
    total_amount_minor: money('TotalAmount', false),
    currency,
    payment_method: paymentMethodOf(values.PaymentMethod),
    order_status: orderStatusOf(values.OrderStatus),
    city: values.City,
    state: values.State,
    country: values.Country,
    seller_id: values.SellerID,
  };
  const problem = checkTotal(order);
  return problem === undefined ? order : fail('TotalAmount', problem);
}

/**
 * TotalAmount must be quantity × unit price × (1 − discount) + tax + shipping rounded to a minor
 * unit. Computed exactly in 1/10000 of a minor unit; a tie may round either way, since the
 * dataset's generator rounded binary floats (1689.115 became 1689.11).
 */
export function checkTotal(order: SalesOrder): string | undefined {
  const exact =
    BigInt(order.quantity) * BigInt(order.unit_price_minor) * (BPS - BigInt(order.discount_bps)) +
    (BigInt(order.tax_minor) + BigInt(order.shipping_cost_minor)) * BPS;
  const difference = exact - BigInt(order.total_amount_minor) * BPS;
  if (difference <= BPS / 2n && difference >= -BPS / 2n) return undefined;
  const expected = (exact + BPS / 2n) / BPS;
  return `total ${order.total_amount_minor} minor units differs from quantity × unit price × (1 − discount) + tax + shipping = ${expected}`;
}

function daysOf(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2023-02-30 over to March; a real date survives the round trip.
  return new Date(ms).getUTCDate() === day && new Date(ms).getUTCMonth() === month - 1 ? ms / DAY_MS : null;
}

function quantityOf(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const quantity = Number(text);
  return quantity >= 1 && quantity <= INT32_MAX ? quantity : null;
}

/** "0.15" (a fraction, as the dataset writes it) or "15%" as basis points; empty is no discount. */
function discountOf(text: string, fail: (field: SalesColumn, reason: string) => never): number {
  if (text === '') return 0;
  const percent = text.endsWith('%');
  const bps = parseScaledDecimal(percent ? text.slice(0, -1).trim() : text, percent ? 2 : 4);
  if ('problem' in bps) return fail('Discount', `${bps.problem} (expected a fraction such as 0.15)`);
  return bps.value <= 10_000 ? bps.value : fail('Discount', `'${text}' is more than the whole amount`);
}
