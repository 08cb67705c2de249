import type { Admin, Consumer } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import { retry } from '../../retry.ts';
import { SeeksDuringHandling } from '../driver-core/seeks-during-handling.ts';
import type { ConsumerOptions, KafkaConsumer, RecordBatch, TopicPartition, TransactionalProducer } from '../kafka-driver.ts';
import { fromKafkajs, kafkajsCall } from './kafkajs-error.ts';
import { toIncoming } from './kafkajs-records.ts';

const PARTITIONS_CONCURRENTLY = 16;

export function kafkajsConsumer(
  consumer: Consumer,
  options: ConsumerOptions,
  transactionalProducer: (transactionalId: string) => TransactionalProducer,
  // kafkajs' consumer cannot read committed offsets; an admin of the same client can, made on first use.
  connectAdmin: () => Promise<Admin>,
): KafkaConsumer {
  let admin: Promise<Admin> | undefined;
  // kafkajs tells the new assignment after each join; what was owned before and is not now was revoked.
  let owned: TopicPartition[] = [];
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assigned = Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    const revoked = owned.filter((o) => !assigned.some((a) => a.topic === o.topic && a.partition === o.partition));
    owned = assigned;
    if (revoked.length > 0) options.onRevoked?.(revoked);
  });
  const seeks = new SeeksDuringHandling();
  return {
    async run(handle, onError) {
      const location = { topic: options.topics.join(',') };
      await kafkajsCall(() => consumer.connect(), location);
      // kafkajs gives up on a metadata answer that does not list a topic yet at once (no retry), which a
      // fresh KRaft broker gives for a moment after creating it; that answer is retriable.
      await retry(() => kafkajsCall(() => consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true }), location), {
        retries: 8,
        initialDelayMs: 200,
        maxDelayMs: 3_000,
        isRetriable: (error) => error instanceof KafkaClientError && error.retriable,
      });
      // kafkajs restarts the consumer itself after most crashes; only one it gives up on is fatal.
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) onError?.(fromKafkajs(event.payload.error, location));
      });
      await kafkajsCall(() =>
        consumer.run({
          autoCommit: options.commitOffsets !== 'transaction',
          // Resolved here rather than by kafkajs: after a seek below a batch's end, only up to the seek.
          eachBatchAutoResolve: false,
          // Partitions are independent: a task waiting on its sinks must not hold the others back.
          partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY,
          eachBatch: async (payload) => {
            const { batch } = payload;
            // Fetched before a seek of its partition: the seek decides where the partition goes on.
            if (payload.isStale()) return;
            const records = batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m));
            // kafkajs' last offset counts the control records fetched, so the markers ending the partition too.
            const recordBatch: RecordBatch = { topic: batch.topic, partition: batch.partition, records, highWatermark: batch.highWatermark, caughtUp: batch.offsetLag() === '0' };
            // Past the batch's last offset, transaction markers included, as kafkajs resolves it itself.
            const next = await seeks.handle(recordBatch, String(BigInt(batch.lastOffset()) + 1n), () => handle(recordBatch));
            payload.resolveOffset(String(BigInt(next) - 1n));
          },
        }),
      );
    },
    seek(partition, offset) {
      seeks.seek(partition, offset);
      // Applied before the partition's next fetch. With consumer commits kafkajs commits the offset
      // then: a seek forward is the handler saying the records below it are done.
      try {
        consumer.seek({ topic: partition.topic, partition: partition.partition, offset });
      } catch (error) {
        throw fromKafkajs(error, { topic: partition.topic, partition: partition.partition, offset });
      }
    },
    // kafkajs fetches again only after a fetch's batches are done: it never needs to pause.
    paused: () => [],
    transactionalProducer,
    async committed({ topic, partition }) {
      admin ??= connectAdmin();
      const client = await admin;
      const [offsets] = await kafkajsCall(() => client.fetchOffsets({ groupId: options.groupId, topics: [topic] }), { topic, partition });
      // kafkajs says -1 for a partition the group committed nothing in.
      const offset = offsets?.partitions.find((p) => p.partition === partition)?.offset;
      return offset === undefined || BigInt(offset) < 0n ? undefined : offset;
    },
    async disconnect() {
      await kafkajsCall(() => consumer.disconnect());
      if (admin !== undefined) await kafkajsCall(async () => (await admin)?.disconnect());
    },
  };
}
