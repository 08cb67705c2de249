import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import type { WindowAggregate } from '../../../schemas/types/window-aggregate.ts';
import { SOURCE_HEADERS } from '../../../streams/record-source.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { eventTimeBase } from '../../support/event-time-base.ts';
import { orderOffsets } from '../../support/order-offsets.ts';
import { expectedRevenue, expectedWindowKey, type TimedOrder } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal, type RunnerUnderTest } from '../../support/runner-under-test.ts';
import { sampleOrders } from '../../support/sample-orders.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const WINDOW = 60_000;
const MAX_OUT_OF_ORDER = 5_000;
const GRACE = 10_000;
const START = eventTimeBase();
const FLUSH_AT = START + 3_600_000;

/**
 * An order arriving after the in-order order at `after` (ms since START), with event time `at`.
 * The watermark it meets is `after - MAX_OUT_OF_ORDER`; its window [w, w + WINDOW) is closed once
 * that reaches w + WINDOW + GRACE.
 */
interface Straggler {
  readonly after: number;
  readonly at: number;
  readonly late: boolean;
}

const STRAGGLERS: readonly Straggler[] = [
  { after: 62_000, at: 58_000, late: false }, // within the out-of-orderness alone
  { after: 68_000, at: 50_000, late: false }, // 18 s behind, but window 0 is open until the watermark reaches 70 s
  { after: 74_000, at: 59_999, late: false }, // watermark 69 s: the last moment window 0 is open
  { after: 76_000, at: 59_000, late: true }, // watermark 71 s: window 0 closed
  { after: 130_000, at: 119_000, late: false }, // watermark 125 s, window 1 closes at 130 s
  { after: 136_000, at: 100_000, late: true }, // watermark 131 s: window 1 closed
  { after: 238_000, at: 5_000, late: true }, // far past grace
  { after: 238_000, at: 225_000, late: false }, // 13 s behind, window 3 open until 250 s
];

function apps(prefix: string, partitions: number) {
  const app = uniqueName(prefix).replaceAll('_', '-');
  return { app, orders: { topic: `${app}.orders`, partitions }, output: `${app}.revenue` };
}

async function createTopic(driver: KafkaDriver, topic: string, partitions: number): Promise<void> {
  const admin = await driver.admin();
  await admin.createTopics([{ topic, partitions }]);
  await admin.close();
}

function waitForRecords(started: RunnerUnderTest, subTopology: string, count: number): Promise<number> {
  return eventually(
    async () => {
      throwIfFatal(started);
      return started.runner.metrics.total('recordsIn', { sub_topology: subTopology });
    },
    (n) => n >= count,
  );
}

/** The final windows on both partitions of `output` once `count` windows are there; fails early if the runner died. */
function finalWindows(started: RunnerUnderTest, driver: KafkaDriver, serde: AvroSerde, output: string, count: number): Promise<Map<string, WindowAggregate[]>> {
  return eventually(
    async () => {
      throwIfFatal(started);
      return readFinalWindows(driver, serde, output, 2);
    },
    (f) => f.size >= count,
  );
}

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`late records on ${driverName}`, () => {
    it('counts out-of-order records inside the grace period and sends records past it to the late topic', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const { app, orders, output } = apps('it-late', 1);
      await createTopic(driver, orders.topic, 1);

      // One partition, produced before the runner starts: the order of arrival, hence every watermark, is fixed.
      const pool = sampleOrders(121 + STRAGGLERS.length, 'LATE');
      const take = (timestamp: number): TimedOrder => {
        const order = pool.shift();
        if (order === undefined) throw new Error('order pool exhausted');
        return { order, timestamp };
      };
      const sequence: TimedOrder[] = [];
      const stragglers: { straggler: Straggler; order: TimedOrder }[] = [];
      for (let t = 0; t < 240_000; t += 2_000) {
        sequence.push(take(START + t));
        for (const s of STRAGGLERS.filter((x) => x.after === t)) {
          const order = take(START + s.at);
          sequence.push(order);
          stragglers.push({ straggler: s, order });
        }
      }
      const counted = sequence.filter((o) => !stragglers.some((s) => s.straggler.late && s.order === o));
      const late = stragglers.filter((s) => s.straggler.late);
      await produceOrders(driver, serde, orders.topic, [...sequence, take(FLUSH_AT)]);
      const offsets = await orderOffsets(driver, serde, orders.topic, 1);

      const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde, maxOutOfOrderMs: MAX_OUT_OF_ORDER, graceMs: GRACE });
      const expected = expectedRevenue(counted, WINDOW);
      const started = await startRunner(topology, driver);
      const { finals, lateRecords } = await eventually(
        async () => {
          throwIfFatal(started);
          return { finals: await readFinalWindows(driver, serde, output, 1), lateRecords: await readTopic(driver, topology.lateTopic, 1) };
        },
        (r) => r.finals.size >= expected.size && r.lateRecords.length >= late.length,
      );
      const { runner } = started;
      await runner.stop();

      // The late records would have changed their windows: the results prove they did not.
      const withLate = expectedRevenue(sequence, WINDOW);
      for (const { order } of late) {
        const key = expectedWindowKey(order, WINDOW);
        assert.notDeepEqual(withLate.get(key), expected.get(key), `${order.order.order_id} would change ${key}`);
      }
      assertWindowsMatch(finals, expected);

      const schema = readSchemaFile('sales-order');
      assert.equal(lateRecords.length, late.length);
      for (const { straggler, order } of late) {
        const found = [];
        for (const r of lateRecords) if (r.value !== null && (await serde.deserialize(r.value, schema)).order_id === order.order.order_id) found.push(r);
        assert.equal(found.length, 1, `${order.order.order_id} on the late topic once`);
        const [r] = found;
        const windowStart = START + Math.floor(straggler.at / WINDOW) * WINDOW;
        const header = (name: string) => r?.headers[name]?.toString();
        assert.deepEqual(
          {
            code: header(H.code),
            step: header(H.step),
            topic: header(H.topic),
            windowStart: header(H.windowStart),
            windowEnd: header(H.windowEnd),
            watermark: header(H.watermark),
            source: header(SOURCE_HEADERS.source),
            sourceOffset: header(SOURCE_HEADERS.offset),
            timestamp: r?.timestamp,
          },
          {
            code: 'LATE_RECORD',
            step: 'revenue-per-minute',
            topic: `${app}.orders-by-category-country-currency.repartition`,
            windowStart: String(windowStart),
            windowEnd: String(windowStart + WINDOW),
            watermark: String(START + straggler.after - MAX_OUT_OF_ORDER),
            source: `${orders.topic}/0`,
            sourceOffset: offsets.get(order.order.order_id)?.offset,
            timestamp: order.timestamp,
          },
          order.order.order_id,
        );
      }

      const outcome = (o: string) => runner.metrics.total('outcomes', { sub_topology: 'revenue-per-minute', outcome: o });
      assert.deepEqual(
        { in: await runner.metrics.total('recordsIn', { sub_topology: 'revenue-per-minute' }), late: await outcome('late'), output: await outcome('output'), deadLettered: await outcome('dead_lettered') },
        { in: sequence.length + 1, late: late.length, output: sequence.length + 1 - late.length, deadLettered: 0 },
      );
    });

    it('holds the watermark at the slowest partition, so a fast partition does not make the slow one late', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const { app, orders, output } = apps('it-late-min', 2);
      await createTopic(driver, orders.topic, 2);

      const pool = sampleOrders(200, 'MIN');
      let next = 0;
      const at = (timestamp: number): TimedOrder => ({ order: pool[next++] ?? pool[0] ?? assert.fail('no orders'), timestamp });
      // Partition 0 runs 4 minutes ahead; partition 1 stays in its first 20 s.
      const fast = Array.from({ length: 120 }, (_, i) => at(START + i * 2_000));
      // Behind partition 0's own watermark by more than grace, but not behind partition 1's.
      const behindFast = at(START + 10_000);
      const slow = Array.from({ length: 11 }, (_, i) => at(START + i * 2_000));
      await produceOrders(driver, serde, orders.topic, [...fast, behindFast], 0);
      await produceOrders(driver, serde, orders.topic, slow, 1);

      const topology = orderRevenueTopology({
        applicationId: app,
        orders,
        outputTopic: output,
        serde,
        maxOutOfOrderMs: MAX_OUT_OF_ORDER,
        graceMs: GRACE,
        idleTimeoutMs: 600_000,
      });
      const started = await startRunner(topology, driver);
      const data = [...fast, behindFast, ...slow];
      // Flush only after every order went through the repartition topic, so no flush overtakes one.
      await waitForRecords(started, 'revenue-per-minute', data.length);
      for (let p = 0; p < 2; p++) await produceOrders(driver, serde, orders.topic, [at(FLUSH_AT)], p);
      const expected = expectedRevenue(data, WINDOW);
      const finals = await finalWindows(started, driver, serde, output, expected.size);
      const { runner } = started;
      await runner.stop();

      assertWindowsMatch(finals, expected);
      assert.equal(await runner.metrics.total('outcomes', { outcome: 'late' }), 0);
      assert.deepEqual(await readTopic(driver, topology.lateTopic, 2), []);
    });

    it('stops waiting for a partition that stays silent longer than the idle timeout', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const { app, orders, output } = apps('it-late-idle', 2);
      await createTopic(driver, orders.topic, 2);
      const idleTimeoutMs = 3_000;

      const pool = sampleOrders(61, 'IDLE');
      const data = pool.slice(0, 60).map((order, i): TimedOrder => ({ order, timestamp: START + i * 2_000 }));
      await produceOrders(driver, serde, orders.topic, data, 0);
      const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde, idleTimeoutMs });
      const started = await startRunner(topology, driver);
      await waitForRecords(started, 'revenue-per-minute', data.length);
      // Partition 1 never had a record: once it has been silent past the timeout, partition 0 alone moves the watermark.
      await sleep(idleTimeoutMs + 2_000);
      const flush = pool[60];
      assert.ok(flush);
      await produceOrders(driver, serde, orders.topic, [{ order: flush, timestamp: FLUSH_AT }], 0);
      const expected = expectedRevenue(data, WINDOW);
      const finals = await finalWindows(started, driver, serde, output, expected.size);
      await started.runner.stop();
      assertWindowsMatch(finals, expected);
    });
  });
}
