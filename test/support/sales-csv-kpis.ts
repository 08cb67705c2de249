import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SalesDimension, SalesKpiRow } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { repoPath } from './repo-path.ts';

/** The real sales sample of ../shared/data (read in place, never copied into the repo). */
export const SALES_CSV = repoPath('..', 'shared', 'data', 'amazon-sales-orders', 'Amazon_sales_sample_90rows.csv');

const DAY_MS = 86_400_000;
const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: DAY_MS } as const;
export type Bucket = keyof typeof BUCKET_MS;

/** One CSV order as the KPIs count it: computed here from the text, not by the pipeline's code. */
export interface CsvOrder {
  readonly orderId: string;
  readonly eventTime: number;
  readonly category: string;
  readonly country: string;
  readonly paymentMethod: string;
  readonly customerId: string;
  readonly quantity: number;
  readonly revenueMinor: number;
  readonly netRevenueMinor: number;
}

type CsvRow = Record<string, string>;

const minor = (text: string, digits: number): number => Math.round(Number(text) * 10 ** digits);

/**
 * The CSV's orders, parsed with csv-parse: revenue = quantity × unit price at the discount
 * (rounded half up to a cent), no tax, no shipping; net revenue 0 for cancelled and returned
 * orders. Event time as the replay documents it: the order date at the time of day given by the
 * first four bytes of the order id's SHA-256, modulo a day's seconds.
 */
export function csvOrders(file = SALES_CSV): CsvOrder[] {
  const rows = parse<CsvRow>(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
  return rows.map((row) => {
    const get = (column: string): string => row[column] ?? '';
    const gross = Number(get('Quantity')) * minor(get('UnitPrice'), 2);
    const revenue = Math.floor((gross * (10_000 - minor(get('Discount'), 4)) + 5_000) / 10_000);
    const seconds = createHash('sha256').update(get('OrderID')).digest().readUInt32BE(0) % 86_400;
    return {
      orderId: get('OrderID'),
      eventTime: Date.parse(`${get('OrderDate')}T00:00:00Z`) + seconds * 1000,
      category: get('Category'),
      country: get('Country'),
      paymentMethod: get('PaymentMethod').toUpperCase().replaceAll(' ', '_'),
      customerId: get('CustomerID'),
      quantity: Number(get('Quantity')),
      revenueMinor: revenue,
      netRevenueMinor: ['Cancelled', 'Returned'].includes(get('OrderStatus')) ? 0 : revenue,
    };
  });
}

/** The sales KPIs of `orders` per bucket and split, shaped and ordered as the query module returns them (all in USD). */
export function expectedSalesKpis(orders: readonly CsvOrder[], bucket: Bucket, groupBy: readonly SalesDimension[]): SalesKpiRow[] {
  const groups = new Map<string, { row: Omit<SalesKpiRow, 'averageOrderValueMinor' | 'uniqueCustomers'>; customers: Set<string> }>();
  for (const o of orders) {
    const bucketStartMs = Math.floor(o.eventTime / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
    const split = {
      category: groupBy.includes('category') ? o.category : null,
      country: groupBy.includes('country') ? o.country : null,
      paymentMethod: groupBy.includes('payment_method') ? o.paymentMethod : null,
    };
    const key = JSON.stringify([bucketStartMs, split]);
    const group = groups.get(key) ?? { row: { bucketStartMs, currency: 'USD', ...split, revenueMinor: 0, netRevenueMinor: 0, orders: 0, units: 0 }, customers: new Set<string>() };
    group.row = { ...group.row, revenueMinor: group.row.revenueMinor + o.revenueMinor, netRevenueMinor: group.row.netRevenueMinor + o.netRevenueMinor, orders: group.row.orders + 1, units: group.row.units + o.quantity };
    group.customers.add(o.customerId);
    groups.set(key, group);
  }
  return sortKpis([...groups.values()].map(({ row, customers }) => ({ ...row, averageOrderValueMinor: row.revenueMinor / row.orders, uniqueCustomers: customers.size })));
}

/** KPI rows in one order, whatever order they were read in (the query module sorts by column, nulls aside). */
export const sortKpis = (rows: readonly SalesKpiRow[]): SalesKpiRow[] =>
  [...rows].sort((a, b) => {
    const ka = JSON.stringify([a.bucketStartMs, a.currency, a.category, a.country, a.paymentMethod]);
    const kb = JSON.stringify([b.bucketStartMs, b.currency, b.category, b.country, b.paymentMethod]);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
