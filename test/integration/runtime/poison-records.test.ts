import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { eventTimeBase } from '../../support/event-time-base.ts';
import { expectedRevenue, orderStream } from '../../support/order-stream.ts';
import { POISON_HEADER, poisonRecords } from '../../support/poison-records.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const WINDOW = 60_000;
const START = eventTimeBase();
const PARTITIONS = 3;

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`poison records on ${driverName}`, () => {
    it('dead-letters every poison record with its bytes, error code and origin, and keeps computing the good orders', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const app = uniqueName('it-poison').replaceAll('_', '-');
      const orders = { topic: `${app}.orders`, partitions: PARTITIONS };
      const output = `${app}.revenue`;
      const admin = await driver.admin();
      await admin.createTopics([orders]);
      await admin.close();

      // Good orders and poison records interleaved in every partition, then one flush order per partition.
      const good = orderStream(900, 'ORD', START, 5);
      const poison = await poisonRecords(serde, orders.topic, PARTITIONS, START + 30_000);
      await produceOrders(driver, serde, orders.topic, good.slice(0, 450));
      const producer = driver.producer();
      await producer.connect();
      await producer.send(orders.topic, poison.map((p) => p.record));
      await producer.disconnect();
      await produceOrders(driver, serde, orders.topic, good.slice(450));
      const flush = orderStream(PARTITIONS, 'FLUSH', START + 3_600_000, 1, 1);
      for (let p = 0; p < PARTITIONS; p++) await produceOrders(driver, serde, orders.topic, flush.slice(p, p + 1), p);

      // Where each poison record landed, read back from the topic.
      const origins = new Map<string, { partition: number; offset: string }>();
      for (const r of await readTopic(driver, orders.topic, PARTITIONS)) {
        const name = r.headers[POISON_HEADER]?.toString();
        if (name !== undefined) origins.set(name, { partition: r.partition, offset: r.offset });
      }
      assert.equal(origins.size, poison.length);

      const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde });
      const started = await startRunner(topology, driver);
      const expected = expectedRevenue(good, WINDOW);
      const { finals, deadLetters } = await eventually(
        async () => {
          throwIfFatal(started);
          return {
            finals: await readFinalWindows(driver, serde, output, PARTITIONS),
            deadLetters: await readTopic(driver, topology.deadLetterTopic, PARTITIONS),
          };
        },
        (r) => r.finals.size >= expected.size && r.deadLetters.length >= poison.length,
      );
      const { runner } = started;
      await runner.stop();

      assert.equal(deadLetters.length, poison.length, 'one dead letter per poison record');
      for (const p of poison) {
        const letters = deadLetters.filter((d) => d.headers[POISON_HEADER]?.toString() === p.name);
        assert.equal(letters.length, 1, `${p.name}: one dead letter`);
        const [d] = letters;
        assert.ok(d);
        const origin = origins.get(p.name);
        assert.ok(origin);
        assert.deepEqual(
          {
            key: d.key,
            value: d.value,
            code: d.headers[H.code]?.toString(),
            step: d.headers[H.step]?.toString(),
            topic: d.headers[H.topic]?.toString(),
            partition: d.headers[H.partition]?.toString(),
            offset: d.headers[H.offset]?.toString(),
          },
          {
            key: p.record.key,
            value: p.record.value,
            code: p.code,
            step: p.step === 'decode' ? 'decode-orders' : 'validate-orders',
            topic: orders.topic,
            partition: String(p.record.partition),
            offset: origin.offset,
          },
          p.name,
        );
        assert.equal(origin.partition, p.record.partition, `${p.name}: produced to its partition`);
        assert.ok((d.headers[H.message]?.length ?? 0) > 0, `${p.name}: has a message`);
      }

      assertWindowsMatch(finals, expected);

      // Every fetched record ends in exactly one outcome; only the poison records are dead letters.
      const rekey = { sub_topology: 'rekey-orders' };
      const outcome = (outcome: string, labels: Record<string, string> = rekey) => runner.metrics.total('outcomes', { ...labels, outcome });
      const produced = good.length + poison.length + flush.length;
      assert.deepEqual(
        {
          in: await runner.metrics.total('recordsIn', rekey),
          out: await runner.metrics.total('recordsOut', rekey),
          output: await outcome('output'),
          filtered: await outcome('filtered'),
          deadLettered: await outcome('dead_lettered'),
          late: await outcome('late'),
        },
        { in: produced, out: good.length + flush.length, output: good.length + flush.length, filtered: 0, deadLettered: poison.length, late: 0 },
      );
      const all = {
        in: await runner.metrics.total('recordsIn'),
        outcomes: (await Promise.all(['output', 'filtered', 'dead_lettered', 'late'].map((o) => outcome(o, {})))).reduce((a, b) => a + b, 0),
      };
      assert.equal(all.outcomes, all.in, 'outcomes add up to records in, over both sub-topologies');
      assert.equal(await runner.metrics.total('recordsIn', { sub_topology: 'revenue-per-minute' }), good.length + flush.length);
      assert.equal(await runner.metrics.total('outcomes', { outcome: 'dead_lettered' }), poison.length);
    });

    it('dead-letters an empty value as the empty bytes it arrived as, not as a tombstone', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const app = uniqueName('it-poison-empty').replaceAll('_', '-');
      const orders = { topic: `${app}.orders`, partitions: 1 };
      const admin = await driver.admin();
      await admin.createTopics([orders]);
      await admin.close();
      // Written by kafkajs whatever the driver under test, so the topic surely holds empty bytes.
      const producer = createKafkaDriver(config, 'kafkajs').producer();
      await producer.connect();
      await producer.send(orders.topic, [{ key: null, value: Buffer.alloc(0), partition: 0 }]);
      await producer.disconnect();
      const [stored] = await readTopic(driver, orders.topic, 1);
      assert.deepEqual(stored?.value, Buffer.alloc(0), 'the topic holds an empty value');

      const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: `${app}.revenue`, serde });
      const started = await startRunner(topology, driver);
      const deadLetters = await eventually(
        async () => {
          throwIfFatal(started);
          return readTopic(driver, topology.deadLetterTopic, 1);
        },
        (letters) => letters.length >= 1,
      );
      await started.runner.stop();

      const [letter] = deadLetters;
      assert.equal(deadLetters.length, 1);
      assert.ok(letter);
      assert.equal(letter.headers[H.code]?.toString(), 'TRUNCATED');
      assert.deepEqual(letter.value, Buffer.alloc(0), 'empty bytes, not a null tombstone');
    });
  });
}
