import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import type {
  ConsumerOptions,
  IncomingRecord,
  KafkaAdmin,
  KafkaConsumer,
  KafkaDriver,
  KafkaProducer,
  OutgoingRecord,
  RecordBatch,
  TopicPartition,
  TransactionalProducer,
} from './kafka-driver.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import { topicConfig } from './topic-config.ts';

export function createKafkajsDriver(connection: KafkaConnection): KafkaDriver {
  const kafka = new Kafka({
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    connectionTimeout: connection.connectTimeoutMs,
    requestTimeout: Math.max(connection.connectTimeoutMs, 30_000),
    // Startup problems surface as typed errors from the probe; kafkajs' own retry logs are noise.
    logLevel: logLevel.NOTHING,
    // Enough to ride out a fresh broker loading its group coordinator (tens of seconds on 2 cores);
    // probes bound their own wait with the connect timeout instead.
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 30_000 },
  });
  return {
    name: 'kafkajs',
    async admin() {
      const admin = kafka.admin();
      await admin.connect();
      return kafkajsAdmin(admin);
    },
    producer: () => kafkajsProducer(kafka.producer({ idempotent: true, maxInFlightRequests: 1 })),
    consumer: (options) =>
      kafkajsConsumer(
        kafka.consumer({
          groupId: options.groupId,
          sessionTimeout: connection.sessionTimeoutMs,
          heartbeatInterval: Math.max(500, Math.floor(connection.sessionTimeoutMs / 10)),
          // kafkajs fetches again only once the batches of the last fetch are processed: one fetch
          // response is all it holds, so its size is the memory bound under a slow sink.
          maxBytes: connection.fetchMaxBytes,
          maxBytesPerPartition: Math.min(connection.fetchMaxBytesPerPartition, connection.fetchMaxBytes),
        }),
        options,
        (transactionalId) => kafkajsTransactionalProducer(kafka, transactionalId, options.groupId),
      ),
    readPartition: (topic, partition, handle) => kafkajsReadPartition(kafka, topic, partition, handle),
  };
}

function kafkajsAdmin(admin: Admin): KafkaAdmin {
  return {
    async createTopics(topics) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor ?? 1,
          configEntries: Object.entries(topicConfig(t)).map(([name, value]) => ({ name, value })),
        })),
      });
    },
    listTopics: () => admin.listTopics(),
    async deleteTopics(topics) {
      await admin.deleteTopics({ topics: [...topics] });
    },
    async describeCluster() {
      const cluster = await admin.describeCluster();
      return { clusterId: cluster.clusterId, brokers: cluster.brokers.map((b) => b.nodeId) };
    },
    close: () => admin.disconnect(),
  };
}

function kafkajsProducer(producer: Producer): KafkaProducer {
  return {
    connect: () => producer.connect(),
    async send(topic, records) {
      for (const chunk of requestSized(records)) await producer.send({ topic, acks: -1, messages: chunk.map(toKafkajsMessage) });
    },
    disconnect: () => producer.disconnect(),
  };
}

// Under the broker's default message.max.bytes (1 MB) with room for framing and headers.
const REQUEST_BYTES = 512 * 1024;

/**
 * Splits records into sends of at most REQUEST_BYTES: kafkajs puts all the records of one send to
 * one partition into one record batch, and the broker refuses a batch over message.max.bytes.
 */
function* requestSized(records: readonly OutgoingRecord[]): Generator<OutgoingRecord[]> {
  let chunk: OutgoingRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = (r.key?.length ?? 0) + (r.value?.length ?? 0) + 64;
    if (chunk.length > 0 && bytes + size > REQUEST_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(r);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function toKafkajsMessage(record: OutgoingRecord) {
  return {
    key: record.key,
    value: record.value,
    ...(record.headers === undefined ? {} : { headers: { ...record.headers } }),
    ...(record.partition === undefined ? {} : { partition: record.partition }),
    ...(record.timestamp === undefined ? {} : { timestamp: String(record.timestamp) }),
  };
}

const PARTITIONS_CONCURRENTLY = 16;

function kafkajsConsumer(
  consumer: Consumer,
  options: ConsumerOptions,
  transactionalProducer: (transactionalId: string) => TransactionalProducer,
): KafkaConsumer {
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
  return {
    async run(handle, onError) {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      // kafkajs restarts the consumer itself after most crashes; only one it gives up on is fatal.
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) onError?.(event.payload.error);
      });
      await consumer.run({
        autoCommit: options.commitOffsets !== 'transaction',
        eachBatchAutoResolve: true,
        // Partitions are independent: a task waiting on its sinks must not hold the others back.
        partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY,
        eachBatch: async ({ batch }) => {
          const records = batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m));
          const recordBatch: RecordBatch = { topic: batch.topic, partition: batch.partition, records, highWatermark: batch.highWatermark };
          await handle(recordBatch);
        },
      });
    },
    // kafkajs fetches again only after a fetch's batches are done: it never needs to pause.
    paused: () => [],
    transactionalProducer,
    disconnect: () => consumer.disconnect(),
  };
}

function kafkajsTransactionalProducer(kafka: Kafka, transactionalId: string, groupId: string): TransactionalProducer {
  const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  return {
    // kafkajs initialises the transactional id (fencing older producers) on connect.
    connect: () => producer.connect(),
    async transaction(work, next) {
      const transaction = await producer.transaction();
      try {
        await work({
          connect: () => Promise.resolve(),
          send: async (topic, records) => {
            for (const chunk of requestSized(records)) await transaction.send({ topic, acks: -1, messages: chunk.map(toKafkajsMessage) });
          },
          disconnect: () => Promise.resolve(),
        });
        await transaction.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: next.topic, partitions: [{ partition: next.partition, offset: next.offset }] }] });
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    },
    disconnect: () => producer.disconnect(),
  };
}

function toIncoming(topic: string, partition: number, m: KafkaMessage): IncomingRecord {
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers: normalizeHeaders(m.headers), timestamp: Number(m.timestamp) };
}

/**
 * kafkajs cannot assign a partition outside a group, so a throwaway group subscribes to the topic
 * and pauses every partition but the one wanted; offsets are never committed and the group is deleted.
 */
async function kafkajsReadPartition(
  kafka: Kafka,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = (await admin.fetchTopicOffsets(topic)).find((o) => o.partition === partition);
    if (offsets === undefined) throw new Error(`topic ${topic} has no partition ${partition}`);
    const end = BigInt(offsets.high);
    if (BigInt(offsets.low) >= end) return;
    const groupId = `shelfstream-restore-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId });
    let done = false;
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => { reject(event.payload.error); });
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          const others = (event.payload.memberAssignment[topic] ?? []).filter((p) => p !== partition);
          if (others.length > 0) consumer.pause([{ topic, partitions: others }]);
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
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
}

function normalizeHeaders(headers: Record<string, unknown> | undefined): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (Buffer.isBuffer(first)) out[name] = first;
    else if (typeof first === 'string') out[name] = Buffer.from(first);
  }
  return out;
}
