import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { expectedRevenue, orderStream } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { eventually } from '../../support/read-topic.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const WINDOW = 60_000;
const START = Date.UTC(2024, 0, 15, 10, 0, 0);
const CURRENCIES = ['USD', 'EUR'];

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`order revenue topology on ${driverName}`, () => {
    it('computes per-minute revenue, orders, customers and quantiles by category, country and currency exactly as a direct computation', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const app = uniqueName('it-revenue').replaceAll('_', '-');
      const orders = { topic: `${app}.orders`, partitions: 3 };
      const output = `${app}.revenue`;
      const admin = await driver.admin();
      await admin.createTopics([orders]);
      await admin.close();

      const stream = orderStream(3000, 'ORD', START, 10, 2_000, CURRENCIES);
      await produceOrders(driver, serde, orders.topic, stream);
      // One far-future order per partition moves every watermark past the last window.
      const flush = orderStream(3, 'FLUSH', START + 3_600_000, 1, 1);
      for (let p = 0; p < 3; p++) await produceOrders(driver, serde, orders.topic, flush.slice(p, p + 1), p);

      const runner = new TopologyRunner({ topology: orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde }), driver });
      await runner.start();
      const expected = expectedRevenue(stream, WINDOW);
      const finals = await eventually(
        () => readFinalWindows(driver, serde, output, orders.partitions),
        (f) => f.size >= expected.size,
      );
      await runner.stop();

      // Where both currencies met in one category, country and window, each must be its own aggregate in its own currency.
      const currenciesOf = new Map<string, Set<string | null>>();
      for (const w of [...finals.values()].flat()) {
        const place = `${w.key.slice(0, w.key.lastIndexOf('|'))}|${w.window_start}`;
        currenciesOf.set(place, (currenciesOf.get(place) ?? new Set()).add(w.currency));
      }
      const mixed = [...currenciesOf.values()].filter((c) => c.size === CURRENCIES.length);
      assert.ok(mixed.length > 0, `no category/country/window with orders in ${CURRENCIES.join(' and ')}`);
      assertWindowsMatch(finals, expected);
      assert.equal(await runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome: 'output' }), stream.length + flush.length);
      // The consumer itself never commits under exactly-once: these offsets came through the batches' transactions.
      assert.equal(await committedTotal(config, app, orders.topic), BigInt(stream.length + flush.length));
      const produced = stream.length + flush.length;
      assert.equal(await runner.metrics.total('stepRecords', { step: 'decode-orders', direction: 'in' }), produced);
      assert.equal(await runner.metrics.total('stepRecords', { step: 'validate-orders', direction: 'out' }), produced);
      assert.equal(await runner.metrics.total('stepRecords', { step: 'revenue-per-minute', direction: 'in' }), produced);
      const watermarks = (await runner.metrics.watermark.get()).values.filter((v) => v.labels.sub_topology === 'revenue-per-minute');
      assert.ok(watermarks.length > 0 && watermarks.every((v) => v.value > START), 'watermark gauge per task');
      const lag = (await runner.metrics.lag.get()).values.filter((v) => v.labels.sub_topology === 'rekey-orders');
      assert.ok(lag.length > 0 && lag.every((v) => v.value >= 0), 'consumer lag gauge per task');
    });
  });
}
