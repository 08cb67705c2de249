import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver, TopicSpec } from '../../../infra/kafka/kafka-driver.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const RECORDS = 100;
// The sales CSV's own period: a replay stamps records with event times years old.
const HISTORICAL = Date.UTC(2022, 3, 30, 12, 0, 0);
const WEEK_MS = String(7 * 24 * 3_600_000);

async function produceHistorical(driver: KafkaDriver, topic: string): Promise<void> {
  const producer = driver.producer();
  await producer.connect();
  try {
    await producer.send(
      topic,
      Array.from({ length: RECORDS }, (_, i) => ({ key: Buffer.from(`order-${i}`), value: Buffer.from(`${i}`), timestamp: HISTORICAL + i * 1000 })),
    );
  } finally {
    await producer.disconnect();
  }
}

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`topics created through ${driverName}`, () => {
    it('keep records stamped with years-old event times through the broker’s retention checks', async () => {
      const driver = createKafkaDriver(config, driverName);
      const ours: TopicSpec = { topic: uniqueName('it_history'), partitions: 1 };
      // The broker's default policy, stated explicitly: it shows a retention check ran meanwhile.
      const control: TopicSpec = { topic: uniqueName('it_history_week'), partitions: 1, config: { 'retention.ms': WEEK_MS } };
      const admin = await driver.admin();
      await admin.createTopics([ours, control]);
      await produceHistorical(driver, ours.topic);
      await produceHistorical(driver, control.topic);

      const left = await eventually(() => readTopic(driver, control.topic, 1), (records) => records.length === 0, 60_000);
      assert.equal(left.length, 0, 'a week-retention topic lost its historical records to a retention check');
      const kept = await readTopic(driver, ours.topic, 1);
      await admin.deleteTopics([ours.topic, control.topic]);
      await admin.close();
      assert.deepEqual(
        kept.map((r) => r.timestamp),
        Array.from({ length: RECORDS }, (_, i) => HISTORICAL + i * 1000),
      );
    });
  });
}
