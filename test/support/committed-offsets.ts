import { Kafka, logLevel } from 'kafkajs';
import type { ShelfstreamConfig } from '../../config/index.ts';

/** Sum of a group's committed offsets on a topic: how far it has got, as Kafka sees it. */
export async function committedTotal(config: ShelfstreamConfig, groupId: string, topic: string): Promise<bigint> {
  const admin = new Kafka({ brokers: [...config.kafka.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (offsets?.partitions ?? []).reduce((sum, p) => sum + (BigInt(p.offset) > 0n ? BigInt(p.offset) : 0n), 0n);
  } finally {
    await admin.disconnect();
  }
}
