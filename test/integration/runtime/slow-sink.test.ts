import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { eventTimeBase } from '../../support/event-time-base.ts';
import { sampleMemory } from '../../support/memory-sampler.ts';
import { expectedRevenue, orderStream } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { eventually } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';
import { withSlowSinks } from '../../support/slow-sink.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const WINDOW = 60_000;
const START = eventTimeBase();
const PARTITIONS = 3;
const ORDERS = 40_000;
// About 2 KB per order: an 80 MB backlog, which a consumer fetching ahead of its sinks would hold in memory.
const PADDING = 'x'.repeat(2_000);
const SLOWDOWN = 10;
const MIN_WRITE_MS = 50;
const MEMORY_BOUND = 300 * 1024 * 1024;

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`slow sinks on ${driverName}`, () => {
    it('loses nothing and keeps memory bounded while every sink is ten times slower', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const app = uniqueName('it-slow-sink').replaceAll('_', '-');
      const orders = { topic: `${app}.orders`, partitions: PARTITIONS };
      const output = `${app}.revenue`;
      const admin = await driver.admin();
      await admin.createTopics([orders]);
      await admin.close();

      const stream = orderStream(ORDERS, 'BIG', START, 20).map((o) => ({ ...o, order: { ...o.order, product_name: `${o.order.product_name} ${PADDING}` } }));
      // The whole backlog is in Kafka before the runner starts: nothing but the runtime limits how much it fetches.
      await produceOrders(driver, serde, orders.topic, stream);
      const flush = orderStream(PARTITIONS, 'FLUSH', START + 3_600_000, 1, 1);
      for (let p = 0; p < PARTITIONS; p++) await produceOrders(driver, serde, orders.topic, flush.slice(p, p + 1), p);
      const expected = expectedRevenue(stream, WINDOW);

      const { topology, stats } = withSlowSinks(orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde }), SLOWDOWN, MIN_WRITE_MS);
      const memory = sampleMemory();
      const started = await startRunner(topology, driver);
      let mostPaused = 0;
      const pausedSampler = setInterval(() => {
        void started.runner.metrics.paused.get().then((g) => { mostPaused = Math.max(mostPaused, g.values[0]?.value ?? 0); });
      }, 100);
      const finals = await eventually(
        async () => {
          throwIfFatal(started);
          return readFinalWindows(driver, serde, output, PARTITIONS);
        },
        (f) => f.size >= expected.size,
        300_000,
      );
      const peak = memory.stop();
      clearInterval(pausedSampler);
      await started.runner.stop();

      assertWindowsMatch(finals, expected);
      assert.equal(await started.runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome: 'output' }), stream.length + flush.length);
      assert.ok(stats.delayMs >= (SLOWDOWN - 1) * stats.writeMs, `sinks were slowed ${SLOWDOWN}x: ${JSON.stringify(stats)}`);
      // node-rdkafka prefetches in the background, so its partitions must pause; kafkajs only
      // fetches once a fetch's batches are done, and never needs to.
      if (driverName === 'rdkafka') assert.ok(mostPaused > 0, 'fetching paused while the sinks lagged');
      assert.ok(
        peak - memory.baselineRss < MEMORY_BOUND,
        `RSS grew by ${Math.round((peak - memory.baselineRss) / 2 ** 20)} MB over ${Math.round(memory.baselineRss / 2 ** 20)} MB`,
      );
    });
  });
}
