import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord, KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { SalesOrder } from '../../../schemas/types/sales-order.ts';
import { sampleOrders } from '../../support/sample-orders.ts';
import { uniqueName } from '../../support/unique-name.ts';

const PER_DRIVER = 10_000;
const config = loadConfig();
const orderType = readSchemaFile('sales-order').type;

async function produce(driver: KafkaDriver, topic: string, orders: readonly SalesOrder[]): Promise<void> {
  const producer = driver.producer();
  await producer.connect();
  try {
    for (let i = 0; i < orders.length; i += 1000) {
      await producer.send(
        topic,
        orders.slice(i, i + 1000).map((o) => ({
          key: Buffer.from(o.order_id),
          value: orderType.toBuffer(o),
          headers: { producer: driver.name },
        })),
      );
    }
  } finally {
    await producer.disconnect();
  }
}

/** Consumes in one group until `expected` records arrived (or the deadline passes). */
async function consumeAll(driver: KafkaDriver, topic: string, expected: number): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  const consumer = driver.consumer({ groupId: uniqueName('it_group'), topics: [topic] });
  let failure: Error | undefined;
  await consumer.run(
    async (batch) => {
      seen.push(...batch.records);
      await Promise.resolve();
    },
    (error) => { failure = error instanceof Error ? error : new Error(String(error)); },
  );
  const deadline = Date.now() + 120_000;
  while (seen.length < expected && failure === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Anything that arrives after the expected count would be a duplicate: give it a moment to show.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await consumer.disconnect();
  if (failure !== undefined) throw failure;
  return seen;
}

describe('Kafka round trip with both drivers', () => {
  const topic = uniqueName('it_orders');
  const kafkajs = createKafkaDriver(config, 'kafkajs');
  const rdkafka = createKafkaDriver(config, 'rdkafka');
  const fromKafkajs = sampleOrders(PER_DRIVER, 'KJS');
  const fromRdkafka = sampleOrders(PER_DRIVER, 'RDK');
  const sent = new Map([...fromKafkajs, ...fromRdkafka].map((o) => [o.order_id, o]));

  before(async () => {
    const admin = await kafkajs.admin();
    await admin.createTopics([{ topic, partitions: 3 }]);
    await admin.close();
    await produce(kafkajs, topic, fromKafkajs);
    await produce(rdkafka, topic, fromRdkafka);
  });

  after(async () => {
    const admin = await kafkajs.admin();
    await admin.deleteTopics([topic]);
    await admin.close();
  });

  for (const consumerDriver of [kafkajs, rdkafka]) {
    it(`a ${consumerDriver.name} consumer group reads back all ${2 * PER_DRIVER} records, each once and intact`, async () => {
      const records = await consumeAll(consumerDriver, topic, sent.size);
      assert.equal(records.length, sent.size);
      const partitions = new Set<number>();
      const received = new Map<string, SalesOrder>();
      for (const r of records) {
        assert.ok(r.value && r.key);
        const order = orderType.fromBuffer(r.value) as SalesOrder;
        assert.equal(r.key.toString(), order.order_id);
        assert.equal(received.has(order.order_id), false, `duplicate ${order.order_id}`);
        assert.equal(r.headers.producer?.toString(), order.order_id.startsWith('KJS') ? 'kafkajs' : 'rdkafka');
        received.set(order.order_id, { ...order });
        partitions.add(r.partition);
      }
      assert.deepEqual(partitions, new Set([0, 1, 2]));
      for (const [id, order] of sent) assert.deepEqual(received.get(id), order, id);
    });
  }
});
