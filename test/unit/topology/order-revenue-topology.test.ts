import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { WindowAggregate } from '../../../schemas/types/window-aggregate.ts';
import { endOfInputAnnouncement } from '../../../streams/progress-announcement.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { expectedRevenue, orderStream, type TimedOrder } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const WINDOW = 60_000;
const START = Date.UTC(2024, 0, 15, 10, 0, 0);
const APP = 'revenue';
const ORDERS = { topic: 'orders', partitions: 3 };
const OUTPUT = 'revenue.by-minute';

const orders = () => orderStream(3000, 'ORD', START, 10, 2_000, ['USD', 'EUR']);

/** Produces orders; with `close`, then one far-future order per partition, which moves every watermark past the last window. */
async function produce(stack: InMemoryStack, stream: readonly TimedOrder[], close: boolean): Promise<void> {
  const admin = await stack.driver.admin();
  await admin.createTopics([ORDERS]);
  await produceOrders(stack.driver, stack.serde, ORDERS.topic, stream);
  if (!close) return;
  const flush = orderStream(ORDERS.partitions, 'FLUSH', START + 3_600_000, 1, 1);
  for (let p = 0; p < ORDERS.partitions; p++) await produceOrders(stack.driver, stack.serde, ORDERS.topic, flush.slice(p, p + 1), p);
}

const revenueTopology = (stack: InMemoryStack, earlyEveryMs?: number) =>
  orderRevenueTopology({ applicationId: APP, orders: ORDERS, outputTopic: OUTPUT, serde: stack.serde, ...(earlyEveryMs === undefined ? {} : { earlyEveryMs }) });

/** The orders' input ends: the end-of-input announcement on every partition, as a bounded replay writes it. */
async function endInput(stack: InMemoryStack): Promise<void> {
  const producer = stack.driver.producer();
  await producer.connect();
  await producer.send(ORDERS.topic, Array.from({ length: ORDERS.partitions }, (_, p) => endOfInputAnnouncement(ORDERS.topic, p)));
}

/** The newest result, early or final, of every window in the output topic. */
async function latestWindows(stack: InMemoryStack): Promise<Map<string, WindowAggregate>> {
  const schema = readSchemaFile('window-aggregate');
  const latest = new Map<string, WindowAggregate>();
  for (const r of await readTopic(stack.driver, OUTPUT, ORDERS.partitions)) {
    if (r.value === null) continue;
    const w = await stack.serde.deserialize(r.value, schema);
    latest.set(`${w.key}|${w.window_start}`, w);
  }
  return latest;
}

const committedTotal = (stack: InMemoryStack): bigint =>
  Array.from({ length: ORDERS.partitions }, (_, partition) => BigInt(stack.cluster.committedOffset(APP, { topic: ORDERS.topic, partition }) ?? '0')).reduce((a, b) => a + b, 0n);

async function finalWindowsOnceComplete(stack: InMemoryStack, expected: number): Promise<Map<string, WindowAggregate[]>> {
  let finals = new Map<string, WindowAggregate[]>();
  await until(`${expected} final windows`, async () => {
    finals = await readFinalWindows(stack.driver, stack.serde, OUTPUT, ORDERS.partitions);
    return finals.size >= expected;
  }, 60_000);
  return finals;
}

describe('order revenue topology on the in-memory Kafka', () => {
  it('computes per-minute revenue by category, country and currency exactly as a direct computation, under exactly-once', async () => {
    const stack = inMemoryStack();
    const stream = orders();
    const produced = stream.length + ORDERS.partitions;
    await produce(stack, stream, true);
    // The runner's default guarantee, exactly-once: every batch's outputs, changelog writes and offsets in one transaction.
    const started = await startRunner(revenueTopology(stack), stack.driver);
    const { runner } = started;
    const expected = expectedRevenue(stream, WINDOW);
    const finals = await finalWindowsOnceComplete(stack, expected.size);
    await until('every order committed', () => committedTotal(stack) === BigInt(produced));
    await runner.stop();

    throwIfFatal(started);
    assertWindowsMatch(finals, expected);
    assert.equal(await runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome: 'output' }), produced);
    assert.equal(await runner.metrics.total('stepRecords', { step: 'revenue-per-minute', direction: 'in' }), produced);
  });

  it('gives the same windows when a second member joins mid-run and takes over partitions with their state', async () => {
    const stack = inMemoryStack();
    const stream = orders();
    const produced = stream.length + ORDERS.partitions;
    const half = stream.length / 2;
    await produce(stack, stream.slice(0, half), false);
    const first = await startRunner(revenueTopology(stack), stack.driver);
    await until('the first half committed', () => committedTotal(stack) === BigInt(half));
    const second = await startRunner(revenueTopology(stack), stack.driver);
    await produce(stack, stream.slice(half), true);
    const expected = expectedRevenue(stream, WINDOW);
    const finals = await finalWindowsOnceComplete(stack, expected.size);
    await until('every order committed', () => committedTotal(stack) === BigInt(produced));
    await Promise.all([first.runner.stop(), second.runner.stop()]);

    throwIfFatal(first, second);
    assertWindowsMatch(finals, expected);
    assert.ok((await second.runner.metrics.total('recordsIn', { sub_topology: 'revenue-per-minute' })) > 0, 'the second member aggregated part of the orders');
  });

  it('closes every window, and reports it final, once every orders partition announced the end of its input', async () => {
    const stack = inMemoryStack();
    const stream = orders();
    await produce(stack, stream, false);
    await endInput(stack);
    const started = await startRunner(revenueTopology(stack), stack.driver);
    const expected = expectedRevenue(stream, WINDOW);
    const finals = await finalWindowsOnceComplete(stack, expected.size);
    await until('every order and end of input committed', () => committedTotal(stack) === BigInt(stream.length + ORDERS.partitions));
    await started.runner.stop();

    throwIfFatal(started);
    assertWindowsMatch(finals, expected);
    assert.equal(await started.runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome: 'output' }), stream.length);
  });

  it('sends early results of every window changed since the last one, whichever batch the timer fires in', async () => {
    const stack = inMemoryStack();
    const stream = orders();
    await produce(stack, stream.slice(0, -1), false);
    const started = await startRunner(revenueTopology(stack, 500), stack.driver);
    await until('the orders committed', () => committedTotal(stack) === BigInt(stream.length - 1));
    await new Promise((resolve) => setTimeout(resolve, 600));
    // One more order: its batch, and the progress it announces to every window task, fire the timers.
    await produce(stack, stream.slice(-1), false);
    const expected = expectedRevenue(stream, WINDOW);
    let latest = new Map<string, WindowAggregate>();
    await until(`early results of all ${expected.size} windows`, async () => {
      latest = await latestWindows(stack);
      return latest.size >= expected.size;
    });
    await started.runner.stop();

    throwIfFatal(started);
    assert.ok([...latest.values()].some((w) => !w.is_final), 'the last minutes are open: their results are early ones');
    assertWindowsMatch(new Map([...latest].map(([key, w]) => [key, [w]])), expected);
  });
});
