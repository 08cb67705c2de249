import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topology } from '../../../runtime/topology.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { WindowAggregate } from '../../../schemas/types/window-aggregate.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { endOfInputAnnouncement } from '../../../streams/progress-announcement.ts';
import { enrichOrdersSubTopology } from '../../../topology/sales-pipeline-topology.ts';
import { salesWindows } from '../../../topology/sales-windows.ts';
import { latestMovement } from '../../support/expected-asin-windows.ts';
import { expectedSalesWindows, type TimedSale } from '../../support/expected-sales-windows.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { orderStream, type TimedOrder } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';

const APP = 'sales';
const ORDERS = { topic: 'orders', partitions: 3 };
const PER_MINUTE = 'sales-per-minute';
const PER_HOUR = 'sales-per-hour';
const START = Date.UTC(2024, 0, 15, 10, 0, 0);
const CURRENCIES = ['USD', 'EUR', 'INR'];

function topology(stack: InMemoryStack): Topology {
  const perMinute = salesWindows('minute', { topic: PER_MINUTE }, APP, ORDERS, stack.serde);
  const perHour = salesWindows('hour', { topic: PER_HOUR }, APP, ORDERS, stack.serde);
  return new Topology({
    applicationId: APP,
    inputs: [ORDERS],
    subTopologies: [
      enrichOrdersSubTopology({
        orders: ORDERS,
        enriched: [{ topic: `${APP}.enriched-orders`, partitions: ORDERS.partitions }],
        accepted: { topic: `${APP}.orders-accepted`, partitions: ORDERS.partitions },
        repartitions: [perMinute.input, perHour.input],
        serde: stack.serde,
        dedupeWithinMs: 86_400_000,
      }),
      perMinute.windows,
      perHour.windows,
    ],
    sideOutputs: sideOutputSink,
  });
}

async function windowsOn(stack: InMemoryStack, topic: string): Promise<WindowAggregate[]> {
  const records = await readTopic(stack.driver, topic, ORDERS.partitions).catch(() => []);
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [stack.serde.deserialize(r.value, readSchemaFile('window-aggregate'))])));
}

const sale = ({ order, timestamp }: TimedOrder): TimedSale => ({
  category: order.category,
  country: order.country,
  paymentMethod: order.payment_method,
  currency: order.currency,
  quantity: order.quantity,
  unitPriceMinor: order.unit_price_minor,
  discountBps: order.discount_bps,
  lost: order.order_status === 'CANCELLED' || order.order_status === 'RETURNED',
  timestamp,
});

const sortedEntries = (figures: object) => JSON.stringify(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));

describe('the sales pipeline: sales KPIs per minute and per hour by category, country, payment method and currency', () => {
  it('counts each distinct order once, keeps currencies apart, equals a direct computation and closes every window at the end of the input', async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([ORDERS]);
    await admin.close();
    // Three hours of orders in three currencies, some delivered twice; then every partition's end of input.
    const orders = orderStream(3_000, 'ORD', START, 180, 30_000, CURRENCIES);
    await produceOrders(stack.driver, stack.serde, ORDERS.topic, [...orders, ...orders.slice(100, 160)]);
    const producer = stack.driver.producer();
    await producer.connect();
    await producer.send(ORDERS.topic, Array.from({ length: ORDERS.partitions }, (_, p) => endOfInputAnnouncement(ORDERS.topic, p)));
    await producer.disconnect();

    const expected = { minute: expectedSalesWindows(orders.map(sale), 'minute'), hour: expectedSalesWindows(orders.map(sale), 'hour') };
    const started = await startRunner(topology(stack), stack.driver);
    let minutes: WindowAggregate[] = [];
    let hours: WindowAggregate[] = [];
    await until('every window final', async () => {
      throwIfFatal(started);
      minutes = (await windowsOn(stack, PER_MINUTE)).filter((w) => w.is_final);
      hours = (await windowsOn(stack, PER_HOUR)).filter((w) => w.is_final);
      return minutes.length >= Object.keys(expected.minute).length && hours.length >= Object.keys(expected.hour).length;
    }, 60_000);
    await started.runner.stop();

    // No early results asked: each window left once, final, when the end of input closed it (a day of disorder is allowed, far more than the three hours).
    assert.equal((await windowsOn(stack, PER_MINUTE)).length, minutes.length, 'every minute window emitted once, final');
    assert.equal((await windowsOn(stack, PER_HOUR)).length, hours.length, 'every hour window emitted once, final');
    assert.equal(sortedEntries(latestMovement(minutes)), sortedEntries(expected.minute));
    assert.equal(sortedEntries(latestMovement(hours)), sortedEntries(expected.hour));
    assert.equal((await readTopic(stack.driver, `${APP}.late`, ORDERS.partitions).catch(() => [])).length, 0, 'nothing late');
    // Currencies never summed together: money is in its group's currency, and groups differing by currency alone exist.
    for (const w of [...minutes, ...hours]) assert.equal(w.currency, w.unit === 'MINOR_UNITS' ? w.key.split('|').at(-1) : null, `${w.metric} ${w.key}`);
    const withoutCurrency = new Set(hours.map((w) => `${w.metric}|${w.key.split('|').slice(0, -1).join('|')}|${w.window_start}`));
    assert.ok(withoutCurrency.size < hours.length, 'some category, country, payment method and hour has orders in several currencies');
    assert.deepEqual(new Set(hours.map((w) => w.metric)), new Set(['sales_revenue_per_hour', 'sales_net_revenue_per_hour', 'sales_units_per_hour']));
  });
});
