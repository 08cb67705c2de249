import type { IncomingRecord, KafkaDriver } from '../../infra/kafka/kafka-driver.ts';

/** Every record of every partition of a topic up to its end now, outside any consumer group. */
export async function readTopic(driver: KafkaDriver, topic: string, partitions: number): Promise<IncomingRecord[]> {
  const records: IncomingRecord[] = [];
  for (let p = 0; p < partitions; p++) await driver.readPartition(topic, p, (batch) => records.push(...batch));
  return records;
}

/** Polls `read` until `done` holds for its result or the deadline passes; returns the last result. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
