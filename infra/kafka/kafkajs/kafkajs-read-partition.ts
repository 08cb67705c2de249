import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import { retry } from '../../retry.ts';
import type { IncomingRecord } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';
import { toIncoming } from './kafkajs-records.ts';

/**
 * Reads one partition from `from` (or its start) to its end as it is now. A retriable failure on a
 * fresh broker (the throwaway group's coordinator or the partition's leader not served yet, which
 * kafkajs reports as a crash) reads again from after the last record handled, so `handle` sees
 * every record once.
 */
export async function kafkajsReadPartition(
  kafka: Kafka,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
  from?: string,
): Promise<void> {
  let next = from;
  const handled = (records: readonly IncomingRecord[]): void => {
    handle(records);
    const last = records.at(-1);
    if (last !== undefined) next = (BigInt(last.offset) + 1n).toString();
  };
  await retry(() => readOnce(kafka, topic, partition, handled, next), {
    retries: 8,
    initialDelayMs: 200,
    maxDelayMs: 3_000,
    isRetriable: (error) => error instanceof KafkaClientError && error.retriable,
  });
}

const EMPTIED_CHECK_MS = 1_000;

/**
 * kafkajs cannot assign a partition outside a group, so a throwaway group subscribes to the topic
 * and pauses every partition but the one wanted (sought to `from` when given); offsets are never
 * committed and the group is deleted.
 */
async function readOnce(
  kafka: Kafka,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
  from: string | undefined,
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
      // Retention may delete the rest meanwhile: kafkajs then restarts at the new start, which is
      // the end, and no batch would ever come.
      const emptied = setInterval(() => {
        void admin.fetchTopicOffsets(topic).then((now) => {
          const low = now.find((o) => o.partition === partition)?.low;
          if (!done && low !== undefined && BigInt(low) >= end) {
            done = true;
            resolveEmptied();
          }
        }, () => undefined);
      }, EMPTIED_CHECK_MS);
      let resolveEmptied: () => void = () => undefined;
      const emptiedRead = new Promise<void>((resolve) => { resolveEmptied = resolve; });
      try {
        await kafkajsCall(() => Promise.race([read, emptiedRead]), location);
      } finally {
        clearInterval(emptied);
      }
    } finally {
      await kafkajsCall(() => consumer.disconnect(), location);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  } finally {
    await kafkajsCall(() => admin.disconnect(), location);
  }
}
