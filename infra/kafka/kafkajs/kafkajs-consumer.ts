import type { Admin, Consumer } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import { retry } from '../../retry.ts';
import { bytesOf, LanedBatchHandler } from '../driver-core/laned-batch-handler.ts';
import { partitionKey } from '../driver-core/partition-key.ts';
import type { ConsumerOptions, KafkaConsumer, RecordBatch, TopicPartition, TransactionalProducer } from '../kafka-driver.ts';
import { fromKafkajs, kafkajsCall } from './kafkajs-error.ts';
import { toIncoming } from './kafkajs-records.ts';

const PARTITIONS_CONCURRENTLY = 16;
// A commit refused because the group moved on: the partition's next owner reads from the last
// commit that landed, which at-least-once allows.
const SUPERSEDED_COMMIT = new Set(['KAFKA_REBALANCE_IN_PROGRESS', 'KAFKA_ILLEGAL_GENERATION', 'KAFKA_UNKNOWN_MEMBER_ID']);

export function kafkajsConsumer(
  consumer: Consumer,
  options: ConsumerOptions,
  transactionalProducer: (transactionalId: string) => TransactionalProducer,
  // kafkajs' consumer cannot read committed offsets; an admin of the same client can, made on first use.
  connectAdmin: () => Promise<Admin>,
  maxBytesInHand: number,
): KafkaConsumer {
  let admin: Promise<Admin> | undefined;
  // kafkajs fetches again only once every batch of its last fetch is handled, across all the
  // partitions a broker leads: handled inside its callback, one task's slow sink flush would hold
  // every other task's next fetch (seconds end to end through a pipeline's hops). So the callback
  // only queues each batch in its partition's lane and lets kafkajs fetch on. A partition whose
  // lane is full holds the callback until the lane has room again: that is the backpressure.
  // kafkajs' own pause is not used for it, as once every partition it fetches is paused kafkajs
  // sleeps its whole fetch wait before looking again, after each resume.
  const full = new Map<string, { room: Promise<void>; open: () => void }>();
  const handler = new LanedBatchHandler(
    maxBytesInHand,
    {
      pause: (p) => {
        const key = partitionKey(p);
        if (full.has(key)) return;
        const { promise: room, resolve: open } = withResolvers();
        full.set(key, { room, open });
      },
      resume: (p) => {
        const key = partitionKey(p);
        full.get(key)?.open();
        full.delete(key);
      },
      // kafkajs applies a seek before the partition's next fetch and marks batches fetched before it stale.
      seek: (p, offset) => kafkajsCall(() => Promise.resolve().then(() => { consumer.seek({ topic: p.topic, partition: p.partition, offset }); }), { ...p, offset }),
      commit: async (p, offset) => {
        try {
          await kafkajsCall(() => consumer.commitOffsets([{ topic: p.topic, partition: p.partition, offset }]), { ...p, offset });
        } catch (error) {
          if (!(error instanceof KafkaClientError && SUPERSEDED_COMMIT.has(error.code))) throw error;
        }
      },
    },
    options.commitOffsets,
  );
  // kafkajs tells the new assignment after each join; what was owned before and is not now was revoked.
  let owned: TopicPartition[] = [];
  let stopping = false;
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assigned = Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    const revoked = owned.filter((o) => !assigned.some((a) => a.topic === o.topic && a.partition === o.partition));
    owned = assigned;
    handler.assign(assigned);
    // After a join kafkajs fetches every partition again from its committed offset.
    handler.skipQueued();
    if (revoked.length > 0) options.onRevoked?.(revoked);
    options.onAssigned?.(assigned);
  });
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
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        onError?.(error);
      };
      handler.start(handle, fail);
      // kafkajs restarts the consumer itself after most crashes; only one it gives up on is fatal.
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) fail(fromKafkajs(event.payload.error, location));
      });
      await kafkajsCall(() =>
        consumer.run({
          // Offsets commit once a batch is handled (or in its transaction), never as kafkajs fetches on.
          autoCommit: false,
          // While one partition's callback waits for room, the other partitions' batches still queue.
          partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY,
          eachBatch: async (payload) => {
            const { batch } = payload;
            // Fetched before a seek of its partition (the seek decides where it goes on), or while
            // stopping (the group's next member reads it from the committed offset).
            if (payload.isStale() || stopping) return;
            const records = batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m));
            // kafkajs' last offset counts the control records fetched, so the markers ending the partition too.
            const recordBatch: RecordBatch = { topic: batch.topic, partition: batch.partition, records, highWatermark: batch.highWatermark, caughtUp: batch.offsetLag() === '0' };
            handler.enqueue(recordBatch, bytesOf(recordBatch));
            await full.get(partitionKey(recordBatch))?.room;
          },
        }),
      );
    },
    seek(partition, offset) {
      handler.seek(partition, offset);
    },
    paused: () => handler.paused(),
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
      // No new batches, the ones in hand handled and committed, then the member leaves.
      stopping = true;
      await handler.drain();
      await kafkajsCall(() => consumer.disconnect());
      if (admin !== undefined) await kafkajsCall(async () => (await admin)?.disconnect());
    },
  };
}

// Promise.withResolvers arrives with Node.js 22.
function withResolvers(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}
