import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS, SALES_COLUMNS } from '../replay/sales-csv-format.ts';
import type { GeneratedEvent } from './generated-event.ts';

const DAY_MS = 86_400_000;

/**
 * An order as a row of the Amazon sales CSV: its 20 columns, written the way the dataset's
 * Python generator wrote them (amounts as shortest float reprs such as 125.1 and 0.0, the
 * discount as a fraction such as 0.15, dates as YYYY-MM-DD, labels such as Cash on Delivery).
 */
export function salesCsvRow(order: SalesOrder): string[] {
  const fields: Record<(typeof SALES_COLUMNS)[number], string> = {
    OrderID: order.order_id,
    OrderDate: new Date(order.order_date * DAY_MS).toISOString().slice(0, 10),
    CustomerID: order.customer_id,
    CustomerName: order.customer_name,
    ProductID: order.product_id,
    ProductName: order.product_name,
    Category: order.category,
    Brand: order.brand,
    Quantity: String(order.quantity),
    UnitPrice: shortDecimal(order.unit_price_minor, 2),
    Discount: shortDecimal(order.discount_bps, 4),
    Tax: shortDecimal(order.tax_minor, 2),
    ShippingCost: shortDecimal(order.shipping_cost_minor, 2),
    TotalAmount: shortDecimal(order.total_amount_minor, 2),
    PaymentMethod: order.payment_method === 'UNKNOWN' ? 'Unknown' : PAYMENT_METHOD_LABELS[order.payment_method],
    OrderStatus: order.order_status === 'UNKNOWN' ? 'Unknown' : ORDER_STATUS_LABELS[order.order_status],
    City: order.city,
    State: order.state,
    Country: order.country,
    SellerID: order.seller_id,
  };
  return SALES_COLUMNS.map((c) => fields[c]);
}

/** 12510 at scale 2 → "125.1", 0 → "0.0", 1500 at scale 4 → "0.15": Python's repr of the float. */
export function shortDecimal(units: number, scale: number): string {
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return `${units < 0 ? '-' : ''}${digits.slice(0, -scale)}.${fraction === '' ? '0' : fraction}`;
}

/**
 * Writes orders as a sales CSV (header, LF line ends, RFC 4180 quoting where a field needs it,
 * as for names with commas) through csv-stringify, streaming: memory stays flat for any count.
 * Resolves to the number of rows written.
 */
export async function writeSalesCsv(orders: Iterable<GeneratedEvent<SalesOrder>>, file: string): Promise<number> {
  let rows = 0;
  const records = Readable.from(
    (function* () {
      for (const { value } of orders) {
        rows++;
        yield salesCsvRow(value);
      }
    })(),
  );
  await pipeline(records, stringify({ header: true, columns: [...SALES_COLUMNS] }), createWriteStream(file));
  return rows;
}
