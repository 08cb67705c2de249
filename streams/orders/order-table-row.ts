import { RowRejectedError } from '../../errors/index.ts';

const DAY_MS = 86_400_000;
// A ClickHouse Date is an unsigned 16-bit day number: 1970-01-01 to 2149-06-06.
const LAST_DAY = 65_535;

/**
 * An order (raw or enriched) as a row of its ClickHouse table (`orders_raw`, `orders_enriched`),
 * whose columns carry the Avro field names: the same values, except order_date, written as
 * YYYY-MM-DD (the one form every server version parses in JSONEachRow). A date a Date column
 * cannot hold throws RowRejectedError naming the table and column, so it is dead-lettered.
 */
export function orderTableRow(table: string, order: { readonly order_date: number }): Record<string, unknown> {
  const days = order.order_date;
  if (!Number.isInteger(days) || days < 0 || days > LAST_DAY) {
    throw new RowRejectedError(table, 'order_date', `day ${days} is outside the Date range 1970-01-01..2149-06-06`);
  }
  return { ...order, order_date: new Date(days * DAY_MS).toISOString().slice(0, 10) };
}
