import type { KafkaDriver, KafkaProducer, OutgoingRecord, TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { KeyValueStore } from './key-value-store.ts';

/** The compacted topic backing a store: one partition per input partition, the task's own. */
export function changelogTopic(applicationId: string, store: string): string {
  return `${applicationId}.${store}.changelog`;
}

export function changelogSpec(topic: string, partitions: number): TopicSpec {
  return {
    topic,
    partitions,
    config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000', 'segment.ms': '3600000' },
  };
}

/** Rebuilds a store from its changelog partition, before the task processes anything. */
export async function restoreStore<V>(driver: KafkaDriver, topic: string, partition: number, store: KeyValueStore<V>): Promise<number> {
  let applied = 0;
  await driver.readPartition(topic, partition, (records) => {
    for (const r of records) {
      if (r.key === null) continue;
      store.restore(r.key.toString(), r.value === null ? undefined : (JSON.parse(r.value.toString()) as V));
      applied++;
    }
  });
  return applied;
}

/** Writes the store's changes to its changelog partition and waits until they are durable. */
export async function flushStore<V>(producer: KafkaProducer, topic: string, partition: number, store: KeyValueStore<V>): Promise<number> {
  const changes = store.drainChanges();
  if (changes.length === 0) return 0;
  const records: OutgoingRecord[] = changes.map(([key, value]) => ({
    key: Buffer.from(key),
    value: value === undefined ? null : Buffer.from(JSON.stringify(value)),
    partition,
  }));
  await producer.send(topic, records);
  return changes.length;
}
