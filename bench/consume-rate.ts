import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';

/**
 * Seconds a fresh consumer group takes to read `count` records of a topic doing nothing with
 * them, from the member being assigned its partitions (joining the group is not reading) to its
 * last record: the client's raw consume rate, the baseline the pipeline is measured against.
 * Not from the first record: one fetch may hold the whole topic (16 MiB by default), and the
 * time to it is most of the reading.
 */
export async function rawConsumeSeconds(driver: KafkaDriver, topic: string, count: number): Promise<number> {
  let started: number | undefined;
  const consumer = driver.consumer({
    groupId: `bench-raw-${randomUUID()}`,
    topics: [topic],
    commitOffsets: 'consumer',
    onAssigned: () => { started ??= performance.now(); },
  });
  let seen = 0;
  const done = new Promise<number>((resolve, reject) => {
    void consumer.run(
      (batch) => {
        seen += batch.records.length;
        if (seen < count) return Promise.resolve();
        if (started === undefined) reject(new Error('the consumer handed records over before telling its assignment'));
        else resolve((performance.now() - started) / 1000);
        return Promise.resolve();
      },
      reject,
    );
  });
  try {
    return await done;
  } finally {
    await consumer.disconnect();
  }
}
