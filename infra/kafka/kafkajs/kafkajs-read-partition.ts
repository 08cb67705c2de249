import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import type { IncomingRecord } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';
import { toIncoming } from './kafkajs-records.ts';

/**
 * kafkajs cannot assign a partition outside a group, so a throwaway group subscribes to the topic
 * and pauses every partition but the one wanted (sought to `from` when given); offsets are never
 * committed and the group is deleted.
 */
export async function kafkajsReadPartition(
  kafka: Kafka,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
  from?: string,
): Promise<void> {
  const location = { topic, partition };
  const admin = kafka.admin();
  await kafkajsCall(() => admin.connect(), location);
  try {
    const offsets = (await kafkajsCall(() => admin.fetchTopicOffsets(topic), location)).find((o) => o.partition === partition);
    // Kafka's own name for it; retriable as Kafka deems it, since a new topic's partitions take a moment to show.
    if (offsets === undefined) throw new KafkaClientError(`topic ${topic} has no partition ${partition}`, 'UNKNOWN_TOPIC_OR_PARTITION', true, { location });
    const end = BigInt(offsets.high);
    const start = from === undefined || BigInt(from) < BigInt(offsets.low) ? BigInt(offsets.low) : BigInt(from);
    if (start >= end) return;
    const groupId = `shelfstream-restore-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId });
    let done = false;
    await kafkajsCall(() => consumer.connect(), location);
    try {
      await kafkajsCall(() => consumer.subscribe({ topics: [topic], fromBeginning: true }), location);
      const read = new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => { reject(event.payload.error); });
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          const others = (event.payload.memberAssignment[topic] ?? []).filter((p) => p !== partition);
          if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
          if (from !== undefined) consumer.seek({ topic, partition, offset: start.toString() });
        });
        // Told for every batch, including those holding only transaction markers, which never reach eachBatch.
        consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
          if (done || event.payload.partition !== partition || BigInt(event.payload.lastOffset) + 1n < end) return;
          done = true;
          resolve();
        });
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              if (done || batch.partition !== partition) return;
              handle(batch.messages.filter((m) => BigInt(m.offset) < end).map((m) => toIncoming(topic, partition, m)));
              await Promise.resolve();
            },
          })
          .catch(reject);
      });
      await kafkajsCall(() => read, location);
    } finally {
      await kafkajsCall(() => consumer.disconnect(), location);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  } finally {
    await kafkajsCall(() => admin.disconnect(), location);
  }
}
