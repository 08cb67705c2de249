import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import type {
  ConsumerOptions,
  IncomingRecord,
  KafkaAdmin,
  KafkaConsumer,
  KafkaDriver,
  KafkaProducer,
  OutgoingRecord,
  RecordBatch,
} from './kafka-driver.ts';
import type { KafkaConnection } from './kafka-connection.ts';

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
    consumer: (options) => kafkajsConsumer(kafka.consumer({ groupId: options.groupId }), options),
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
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
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
      await producer.send({ topic, acks: -1, messages: records.map(toKafkajsMessage) });
    },
    disconnect: () => producer.disconnect(),
  };
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

function kafkajsConsumer(consumer: Consumer, options: ConsumerOptions): KafkaConsumer {
  return {
    async run(handle, onError) {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
      consumer.on(consumer.events.CRASH, (event) => onError?.(event.payload.error));
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch }) => {
          const records = batch.messages.map(
            (m): IncomingRecord => ({
              topic: batch.topic,
              partition: batch.partition,
              offset: m.offset,
              key: m.key,
              value: m.value,
              headers: normalizeHeaders(m.headers),
              timestamp: Number(m.timestamp),
            }),
          );
          const recordBatch: RecordBatch = { topic: batch.topic, partition: batch.partition, records };
          await handle(recordBatch);
        },
      });
    },
    disconnect: () => consumer.disconnect(),
  };
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
