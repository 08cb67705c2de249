import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowError } from '../../../../errors/index.ts';
import { salesKind } from '../../../../sources/replay/replay-kinds.ts';
import type { SalesColumn } from '../../../../sources/replay/sales-csv-format.ts';
import { checkTotal, parseSalesRow } from '../../../../sources/replay/sales-row.ts';
import type { SalesOrder } from '../../../../schemas/types/sales-order.ts';
import { repoPath } from '../../../support/repo-path.ts';
import { parseCsvFile } from './parse-csv-file.ts';

const SALES_CSV = repoPath('..', 'shared', 'data', 'amazon-sales-orders', 'Amazon_sales_sample_90rows.csv');
const DAY = 86_400_000;
const at = { file: 'orders.csv', line: 7 };

/** The first row of the real file, as the CSV gives it. */
const row: Readonly<Record<SalesColumn, string>> = {
  OrderID: 'ORD0082999', OrderDate: '2023-07-17', CustomerID: 'CUST045900', CustomerName: 'Aarav Singh', ProductID: 'P00015',
  ProductName: 'Instant Pot', Category: 'Electronics', Brand: 'BrightLux', Quantity: '5', UnitPrice: '510.05', Discount: '0.15',
  Tax: '108.39', ShippingCost: '11.27', TotalAmount: '2287.37', PaymentMethod: 'Amazon Pay', OrderStatus: 'Pending', City: 'Chicago',
  State: 'IL', Country: 'India', SellerID: 'SELL00102',
};

function rejection(values: Partial<Record<SalesColumn, string>>): RowError {
  try {
    parseSalesRow({ ...row, ...values }, at);
  } catch (error) {
    assert.ok(error instanceof RowError);
    return error;
  }
  assert.fail(`accepted ${JSON.stringify(values)}`);
}

describe('sales rows', () => {
  it('map every row of the real sales CSV, with totals that add up in minor units', async () => {
    const parsed = await parseCsvFile(SALES_CSV, salesKind());
    assert.equal(parsed.length, 90);
    assert.deepEqual(parsed.map((p) => p.line), Array.from({ length: 90 }, (_, i) => i + 2));
    const orders: SalesOrder[] = parsed.map((p) => ('row' in p ? p.row.value : assert.fail(`line ${p.line}: ${p.error.message}`)));
    for (const o of orders) {
      // Recomputed here in 1/10000 of a cent: gross × (1 − discount) + tax + shipping, to the nearest cent.
      const exact = o.quantity * o.unit_price_minor * (10_000 - o.discount_bps) + (o.tax_minor + o.shipping_cost_minor) * 10_000;
      assert.ok(Math.abs(exact - o.total_amount_minor * 10_000) <= 5_000, `${o.order_id}: ${exact / 10_000} vs ${o.total_amount_minor}`);
      assert.equal(checkTotal(o), undefined);
      assert.match(o.order_id, /^ORD\d{7}$/);
      assert.equal(o.currency, 'USD');
      assert.notEqual(o.payment_method, 'UNKNOWN');
      assert.notEqual(o.order_status, 'UNKNOWN');
    }
    assert.equal(new Set(orders.map((o) => o.order_id)).size, 90);
    const days = orders.map((o) => o.order_date);
    assert.equal(Math.min(...days) * DAY, Date.UTC(2020, 1, 7));
    assert.equal(Math.max(...days) * DAY, Date.UTC(2024, 11, 29));
    assert.equal(orders.filter((o) => o.tax_minor === 0).length, 4);
    assert.equal(orders.filter((o) => o.discount_bps === 3000).length, 2);
    assert.equal(orders.filter((o) => o.country !== 'United States').length, 21);
  });

  it('give each order an event time on its date, the same on every replay', async () => {
    const parsed = await parseCsvFile(SALES_CSV, salesKind());
    const again = await parseCsvFile(SALES_CSV, salesKind());
    for (const [i, p] of parsed.entries()) {
      assert.ok('row' in p);
      const time = p.row.eventTime ?? assert.fail('no event time');
      assert.equal(Math.floor(time / DAY), p.row.value.order_date);
      assert.equal(p.row.key, p.row.value.order_id);
      const other = again[i];
      assert.ok(other !== undefined && 'row' in other && other.row.eventTime === time);
    }
    const times = parsed.map((p) => ('row' in p ? (p.row.eventTime ?? 0) % DAY : 0));
    assert.ok(new Set(times.map((t) => Math.floor(t / 3_600_000))).size > 12, 'orders spread over the hours of the day');
  });

  it('convert money to exact minor units and the discount to basis points', () => {
    assert.deepEqual(parseSalesRow(row, at), {
      order_id: 'ORD0082999', order_date: Date.UTC(2023, 6, 17) / DAY, customer_id: 'CUST045900', customer_name: 'Aarav Singh',
      product_id: 'P00015', product_name: 'Instant Pot', category: 'Electronics', brand: 'BrightLux', quantity: 5,
      unit_price_minor: 51_005, discount_bps: 1_500, tax_minor: 10_839, shipping_cost_minor: 1_127, total_amount_minor: 228_737,
      currency: 'USD', payment_method: 'AMAZON_PAY', order_status: 'PENDING', city: 'Chicago', state: 'IL', country: 'India',
      seller_id: 'SELL00102',
    });
  });

  it('accept symbols, separators, percent discounts, empty tax and shipping, and unknown labels', () => {
    const order = parseSalesRow(
      { ...row, UnitPrice: '$1,020.10', Quantity: '1', Discount: '10%', Tax: '', ShippingCost: '', TotalAmount: '918.09', PaymentMethod: 'Crypto', OrderStatus: 'canceled' },
      at,
    );
    assert.equal(order.unit_price_minor, 102_010);
    assert.equal(order.discount_bps, 1_000);
    assert.equal(order.tax_minor + order.shipping_cost_minor, 0);
    assert.equal(order.payment_method, 'UNKNOWN');
    assert.equal(order.order_status, 'CANCELLED');
    assert.equal(parseSalesRow({ ...row, Quantity: '1', UnitPrice: '1000', Discount: '', Tax: '', ShippingCost: '', TotalAmount: '1000' }, at, 'JPY').total_amount_minor, 1_000);
  });

  it('reject bad values with the column, the reason and the row position', () => {
    const cases: [Partial<Record<SalesColumn, string>>, SalesColumn, RegExp][] = [
      [{ OrderID: '' }, 'OrderID', /empty/],
      [{ OrderDate: '2023-02-30' }, 'OrderDate', /not a date/],
      [{ OrderDate: '17/07/2023' }, 'OrderDate', /not a date/],
      [{ Quantity: 'two' }, 'Quantity', /whole number/],
      [{ Quantity: '0' }, 'Quantity', /whole number/],
      [{ UnitPrice: 'Get' }, 'UnitPrice', /not an amount/],
      [{ UnitPrice: '' }, 'UnitPrice', /empty/],
      [{ UnitPrice: '₹510.05' }, 'UnitPrice', /INR, not USD/],
      [{ UnitPrice: '510.055' }, 'UnitPrice', /decimal places/],
      [{ Discount: '1.5' }, 'Discount', /more than the whole/],
      [{ Discount: 'none' }, 'Discount', /fraction/],
      [{ TotalAmount: '2287.39' }, 'TotalAmount', /differs .* = 228737/],
    ];
    for (const [values, field, reason] of cases) {
      const error = rejection(values);
      assert.equal(error.code, 'ROW_INVALID');
      assert.equal(error.field, field, JSON.stringify(values));
      assert.match(error.message, reason);
      assert.match(error.message, new RegExp(`^${field}: `));
      assert.deepEqual(error.location, at);
    }
  });

  it('accept a total whose half-cent was rounded either way, as the dataset rounded floats', () => {
    // 5 × 367.94 × 0.85 + 125.10 + 0.27 = 1689.115: the file says 1689.11.
    const values = { Quantity: '5', UnitPrice: '367.94', Discount: '0.15', Tax: '125.1', ShippingCost: '0.27' };
    assert.equal(parseSalesRow({ ...row, ...values, TotalAmount: '1689.11' }, at).total_amount_minor, 168_911);
    assert.equal(parseSalesRow({ ...row, ...values, TotalAmount: '1689.12' }, at).total_amount_minor, 168_912);
    assert.equal(rejection({ ...values, TotalAmount: '1689.13' }).field, 'TotalAmount');
  });
});
