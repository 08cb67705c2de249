import type { TopicPartition } from '../kafka-driver.ts';

/** One string per topic partition, for maps keyed by partition. */
export const partitionKey = (p: TopicPartition): string => `${p.topic}\u0000${p.partition}`;
