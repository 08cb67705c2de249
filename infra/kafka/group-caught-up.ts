import type { GroupPosition, KafkaDriver } from './kafka-driver.ts';

/**
 * Whether a consumer group has read everything in `topics`, judged by positions, not lag: in each
 * partition its committed offset is at the end, or nothing readable lies between them. Under
 * exactly-once the last offsets of a partition are transaction markers, which a read_committed
 * consumer passes but never commits past, so "lag" stays above zero although nothing is left.
 * Give `topics` in the order data flows (a topology's inputs before its repartition topics): a
 * topic is judged after the ones before it, so what they wrote while being read is seen.
 */
export async function groupCaughtUp(driver: KafkaDriver, groupId: string, topics: readonly string[]): Promise<boolean> {
  const admin = await driver.admin();
  let positions: GroupPosition[];
  try {
    positions = [];
    // One topic after another, in the order given: see above.
    for (const topic of topics) positions.push(...(await admin.groupPositions(groupId, topic)));
  } finally {
    await admin.close();
  }
  // Then all reads at once: a partition behind only by its transaction marker still costs a read to tell.
  const behind = await Promise.all(positions.map((p) => readableFrom(driver, p)));
  return !behind.some(Boolean);
}

/** Whether a read_committed reader finds a record between the group's committed offset and the end. */
async function readableFrom(driver: KafkaDriver, position: GroupPosition): Promise<boolean> {
  const from = position.committed ?? '0';
  if (BigInt(from) >= BigInt(position.end)) return false;
  let found = false;
  await driver.readPartition(position.topic, position.partition, (records) => {
    if (records.length > 0) found = true;
  }, from);
  return found;
}
