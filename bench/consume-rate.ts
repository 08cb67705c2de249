import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';

/**
 * Seconds a fresh consumer group takes to read `count` records of a topic doing nothing with
 * them, from its first record to its last (joining the group is not reading): the client's raw
 * consume rate, the baseline the pipeline is measured against.
 */
export async function rawConsumeSeconds(driver: KafkaDriver, topic: string, count: number): Promise<number> {
  const consumer = driver.consumer({ groupId: `bench-raw-${randomUUID()}`, topics: [topic], commitOffsets: 'consumer' });
  let seen = 0;
  let started: number | undefined;
  const done = new Promise<number>((resolve, reject) => {
    void consumer.run(
      (batch) => {
        started ??= performance.now();
        seen += batch.records.length;
        if (seen >= count) resolve((performance.now() - started) / 1000);
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
