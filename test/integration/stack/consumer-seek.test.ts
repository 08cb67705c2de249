import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { eventually } from '../../support/read-topic.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const RECORDS = 300;
// Produced before the consumer starts: partition 0's first batch holds at most these.
const FIRST_PART = 100;
// Partition 0's handler seeks here on its first batch, as a task whose sinks already hold the records below.
const SEEK_TO = 170;

/** Records [from, to) to both partitions, in sends of ten so that fetches can split them. */
async function produce(driver: KafkaDriver, topic: string, from: number, to: number): Promise<void> {
  const producer = driver.producer();
  await producer.connect();
  try {
    for (let start = from; start < to; start += 10) {
      for (const partition of [0, 1]) {
        const offsets = Array.from({ length: Math.min(10, to - start) }, (_, i) => start + i);
        await producer.send(topic, offsets.map((o) => ({ key: Buffer.from(`k${o}`), value: Buffer.from(`${partition}:${o}`), partition })));
      }
    }
  } finally {
    await producer.disconnect();
  }
}

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`a ${driverName} consumer seeking from its batch handler`, () => {
    it('goes on from the sought offset: nothing below it, nothing twice, and the group commits up to the end', async () => {
      const driver = createKafkaDriver(config, driverName);
      const topic = uniqueName('it_seek');
      const groupId = uniqueName('it_seek_group');
      const admin = await driver.admin();
      await admin.createTopics([{ topic, partitions: 2 }]);
      await produce(driver, topic, 0, FIRST_PART);

      const handled = new Map<number, number[]>([[0, []], [1, []]]);
      let firstOfPartition0 = true;
      let failure: unknown;
      const consumer = driver.consumer({ groupId, topics: [topic] });
      await consumer.run(
        async (batch) => {
          if (batch.partition === 0 && firstOfPartition0) {
            firstOfPartition0 = false;
            // The rest arrives while this batch is in hand, so batches below SEEK_TO may be fetched
            // before the seek: they must be dropped.
            await produce(driver, topic, FIRST_PART, RECORDS);
            await new Promise((resolve) => setTimeout(resolve, 1000));
            consumer.seek({ topic, partition: 0 }, String(SEEK_TO));
            return;
          }
          handled.get(batch.partition)?.push(...batch.records.map((r) => Number(r.offset)));
        },
        (error) => { failure = error; },
      );
      await eventually(
        () => Promise.resolve([...handled.values()].flat().length),
        (count) => count >= RECORDS - SEEK_TO + RECORDS || failure !== undefined,
        120_000,
      );
      // Anything arriving after the expected count would be a record handled twice: give it a moment to show.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await consumer.disconnect();
      const committed = await committedTotal(config, groupId, topic);
      await admin.deleteTopics([topic]);
      await admin.close();

      assert.equal(failure, undefined);
      assert.deepEqual(handled.get(0), Array.from({ length: RECORDS - SEEK_TO }, (_, i) => SEEK_TO + i));
      assert.deepEqual(handled.get(1), Array.from({ length: RECORDS }, (_, i) => i));
      // Neither partition can commit past its end, so the sum says both are at their end.
      assert.equal(committed, BigInt(2 * RECORDS));
    });
  });
}
