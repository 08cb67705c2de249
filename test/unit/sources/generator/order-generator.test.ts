import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GENERATOR_START, type GeneratorOptions } from '../../../../sources/generator/generated-event.ts';
import { generateOrders } from '../../../../sources/generator/order-generator.ts';
import { checkTotal } from '../../../../sources/replay/sales-row.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';

const HOUR = 3_600_000;
// 20,000 orders at one every 20 s of event time: about four and a half days.
const options: GeneratorOptions = { seed: 11, count: 20_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.05 };
const orders = [...generateOrders(options)];

function countBy<T>(items: readonly T[], key: (item: T) => string | number): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const sortedCounts = (counts: Map<unknown, number>): number[] => [...counts.values()].sort((a, b) => b - a);

describe('generateOrders', () => {
  it('is deterministic: the same options give the same orders, another seed others', () => {
    assert.deepEqual([...generateOrders({ ...options, count: 500 })], orders.slice(0, 500));
    assert.notDeepEqual([...generateOrders({ ...options, count: 500, seed: 12 })], orders.slice(0, 500));
  });

  it('makes valid sales orders whose totals add up exactly, keyed by order id, stamped in event time', () => {
    const schema = readSchemaFile('sales-order');
    let previous = -Infinity;
    for (const { key, value, timestamp } of orders) {
      assert.ok(schema.type.isValid(value), value.order_id);
      assert.equal(checkTotal(value), undefined, value.order_id);
      assert.equal(key, value.order_id);
      assert.equal(value.order_date, Math.floor(timestamp / 86_400_000));
      assert.ok(timestamp >= previous);
      previous = timestamp;
    }
    assert.equal(new Set(orders.map((o) => o.key)).size, orders.length);
    assert.ok(orders.every((o) => o.value.total_amount_minor > 0 && o.value.quantity >= 1 && o.value.quantity <= 5));
  });

  it('skews categories and products like a marketplace: Zipf-popular best sellers and a long tail', () => {
    const categories = sortedCounts(countBy(orders, (o) => o.value.category));
    assert.equal(categories.length, 6);
    assert.ok((categories[0] ?? 0) > 2 * (categories[5] ?? 0), `categories ${categories.join(',')}`);
    const products = sortedCounts(countBy(orders, (o) => o.value.product_id));
    const median = products[Math.floor(products.length / 2)] ?? 0;
    assert.ok((products[0] ?? 0) > 8 * median, `best seller ${products[0]} vs median ${median}`);
    const top10 = products.slice(0, 10).reduce((a, b) => a + b, 0);
    assert.ok(top10 > 0.3 * orders.length, `top ten products have ${top10} orders`);
  });

  it('draws unit prices log-normally: skewed right, symmetric in log', () => {
    const prices = orders.map((o) => o.value.unit_price_minor).sort((a, b) => a - b);
    const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
    const median = prices[prices.length >> 1] ?? 0;
    assert.ok(mean > 1.15 * median, `mean ${mean} median ${median}`);
    const logs = prices.map(Math.log);
    const logMean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - logMean) ** 2, 0) / logs.length);
    const skew = logs.reduce((a, b) => a + ((b - logMean) / sd) ** 3, 0) / logs.length;
    assert.ok(Math.abs(skew) < 0.5, `skewness of log prices ${skew}`);
  });

  it('follows the day: evening hours get several times the orders of the small hours', () => {
    const byHour = countBy(orders, (o) => Math.floor((o.timestamp % 86_400_000) / HOUR));
    const evening = (byHour.get(19) ?? 0) + (byHour.get(20) ?? 0);
    const night = (byHour.get(3) ?? 0) + (byHour.get(4) ?? 0);
    assert.ok(evening > 5 * night, `19-21h ${evening} vs 3-5h ${night}`);
    const days = (orders.at(-1)?.timestamp ?? 0) - (orders[0]?.timestamp ?? 0);
    assert.ok(Math.abs(days / (orders.length / options.eventsPerSecond * 1000) - 1) < 0.05, 'the average event rate is the one asked for');
  });

  it('keeps the quirks of the sales dataset: foreign countries, products under several categories, shared names, zero tax', () => {
    const share = (test: (o: (typeof orders)[number]) => boolean): number => orders.filter(test).length / orders.length;
    assert.ok(Math.abs(share((o) => o.value.country === 'United States') - 0.77) < 0.02);
    assert.ok(Math.abs(share((o) => o.value.tax_minor === 0) - 0.05) < 0.01);
    const categoriesOf = new Map<string, Set<string>>();
    for (const { value } of orders) categoriesOf.set(value.product_id, (categoriesOf.get(value.product_id) ?? new Set()).add(value.category));
    assert.ok([...categoriesOf.values()].filter((c) => c.size > 1).length > 10);
    const idsOf = new Map<string, Set<string>>();
    for (const { value } of orders) idsOf.set(value.customer_name, (idsOf.get(value.customer_name) ?? new Set()).add(value.customer_id));
    assert.ok([...idsOf.values()].some((ids) => ids.size > 10));
    assert.ok(orders.some((o) => o.value.product_name.includes(',')));
  });
});
