import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { KeyValueStore } from '../../../../runtime/key-value-store.ts';
import type { SalesOrder } from '../../../../schemas/types/sales-order.ts';
import type { WindowAggregate } from '../../../../schemas/types/window-aggregate.ts';
import { emptyOutcomes } from '../../../../streams/batch.ts';
import { orderGroupKey } from '../../../../streams/orders/order-group.ts';
import { orderMeasures } from '../../../../streams/orders/order-measures.ts';
import { revenueNames } from '../../../../streams/orders/revenue-names.ts';
import { toWindowAggregate } from '../../../../streams/orders/to-window-aggregate.ts';
import type { StreamRecord } from '../../../../streams/stream-record.ts';
import { windowAggregate, type WatermarkEntry, type WindowEntry } from '../../../../streams/window-aggregate.ts';
import { tumbling } from '../../../../streams/windows/index.ts';
import { sampleOrders } from '../../../support/sample-orders.ts';

const WINDOW = 60_000;
const { windows, metric } = revenueNames(WINDOW);

const record = (order: SalesOrder, offset: number, timestamp: number): StreamRecord<SalesOrder> => ({
  key: order.order_id,
  value: order,
  timestamp,
  headers: {},
  origin: { topic: 'orders', partition: 0, offset: String(offset) },
  raw: { key: null, value: null },
});

/** The revenue step as the topology wires it, over one batch: every closed window as its output record. */
async function revenueWindows(records: readonly StreamRecord<SalesOrder>[]): Promise<WindowAggregate[]> {
  const step = windowAggregate({
    step: windows,
    store: new KeyValueStore<WindowEntry | WatermarkEntry>(windows),
    groupBy: (r) => orderGroupKey(r.value),
    windows: tumbling({ sizeMs: WINDOW }),
    accumulator: orderMeasures,
    maxOutOfOrderMs: 0,
    graceMs: 0,
    sources: ['orders/0'],
    idleTimeoutMs: 60_000,
    now: () => 0,
  });
  const out = await firstValueFrom(of({ topic: 'orders', partition: 0, records, ...emptyOutcomes() }).pipe(step));
  return out.records.map((r) => toWindowAggregate(metric, r.value));
}

describe('revenue windows of orders', () => {
  it('keeps each currency of a category, country and window in its own aggregate, labelled with that currency', async () => {
    const orders = sampleOrders(240, 'MIX', ['USD', 'EUR', 'JPY']);
    const flush = sampleOrders(1, 'FLUSH')[0];
    assert.ok(flush);
    const results = await revenueWindows([...orders.map((o, i) => record(o, i, 1_000 + i)), record(flush, orders.length, 10 * WINDOW)]);

    const direct = new Map<string, { currency: string; orders: number; revenue: number }>();
    for (const o of orders) {
      const key = `${o.category}|${o.country}|${o.currency}`;
      const d = direct.get(key) ?? { currency: o.currency, orders: 0, revenue: 0 };
      direct.set(key, { currency: o.currency, orders: d.orders + 1, revenue: d.revenue + o.total_amount_minor });
    }
    assert.equal(direct.size, 4 * 3 * 3, 'every category and country has orders in all three currencies');
    assert.deepEqual(
      new Map(results.map((w) => [w.key, { currency: w.currency, orders: w.count, revenue: w.sum }])),
      direct,
    );
    assert.ok(results.every((w) => w.metric === 'revenue_per_minute_by_category_country_currency' && w.window_start === 0 && w.is_final));
  });
});
