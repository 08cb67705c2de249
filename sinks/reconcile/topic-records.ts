import type { IncomingRecord, KafkaDriver } from '../../infra/kafka/kafka-driver.ts';

/** The partitions of a topic, ascending. */
export async function partitionsOf(driver: KafkaDriver, topic: string): Promise<number[]> {
  const admin = await driver.admin();
  try {
    // A group that never committed: its positions are the topic's partitions and their ends.
    return (await admin.groupPositions(`${topic}.reconcile`, topic)).map((p) => p.partition).sort((a, b) => a - b);
  } finally {
    await admin.close();
  }
}

/** Every committed record of one partition, in offset order: reconciliation reads whole topics of a sample's or a test's size. */
export async function readAll(driver: KafkaDriver, topic: string, partition: number): Promise<IncomingRecord[]> {
  const records: IncomingRecord[] = [];
  await driver.readPartition(topic, partition, (batch) => { records.push(...batch); });
  return records;
}

/** Offsets in numeric order. */
export const byOffset = (offsets: string[]): string[] => offsets.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
