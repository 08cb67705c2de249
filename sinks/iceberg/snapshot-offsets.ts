import type { TopicPartition } from '../../infra/kafka/kafka-driver.ts';
import type { TableMetadata } from '../../infra/iceberg/iceberg-types.ts';
import { mainAncestors } from '../../infra/iceberg/table-metadata.ts';

/**
 * The snapshot summary property that records, for one input partition, the next input offset the
 * snapshot's table holds (everything below it is committed), as the Iceberg Kafka Connect sink
 * records its offsets: the table commit and the position are one atomic catalog write.
 */
export function offsetSummaryKey(input: TopicPartition): string {
  return `shelfstream.offsets.${input.topic}.${input.partition}`;
}

/** The highest next offset any snapshot on the main branch records for the partition; undefined when none does. */
export function committedOffset(metadata: TableMetadata, input: TopicPartition): string | undefined {
  const key = offsetSummaryKey(input);
  let highest: bigint | undefined;
  for (const snapshot of mainAncestors(metadata)) {
    const value = snapshot.summary[key];
    if (value !== undefined && (highest === undefined || BigInt(value) > highest)) highest = BigInt(value);
  }
  return highest?.toString();
}
