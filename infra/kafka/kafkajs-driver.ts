import { Kafka, logLevel } from 'kafkajs';
import { consumerTuning } from './driver-core/consumer-tuning.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import type { KafkaDriver } from './kafka-driver.ts';
import { kafkajsAdmin } from './kafkajs/kafkajs-admin.ts';
import { kafkajsConsumer } from './kafkajs/kafkajs-consumer.ts';
import { kafkajsCall } from './kafkajs/kafkajs-error.ts';
import { kafkajsProducer } from './kafkajs/kafkajs-producer.ts';
import { kafkajsReadPartition } from './kafkajs/kafkajs-read-partition.ts';
import { kafkajsTransactionalProducer } from './kafkajs/kafkajs-transactional-producer.ts';

/** The kafkajs driver: the connection as one kafkajs client, and its clients. */
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
  const tuning = consumerTuning(connection);
  return {
    name: 'kafkajs',
    async admin() {
      const admin = kafka.admin();
      await kafkajsCall(() => admin.connect());
      return kafkajsAdmin(admin);
    },
    producer: () => kafkajsProducer(kafka.producer({ idempotent: true, maxInFlightRequests: 1 })),
    consumer: (options) =>
      kafkajsConsumer(
        kafka.consumer({
          groupId: options.groupId,
          sessionTimeout: connection.sessionTimeoutMs,
          heartbeatInterval: tuning.heartbeatIntervalMs,
          // With the batches each partition's lane holds (bounded below), the memory bound under a slow sink.
          maxBytes: tuning.fetchMaxBytes,
          maxBytesPerPartition: tuning.fetchMaxBytesPerPartition,
        }),
        options,
        (transactionalId) => kafkajsTransactionalProducer(kafka, transactionalId, options.groupId),
        async () => {
          const admin = kafka.admin();
          await kafkajsCall(() => admin.connect());
          return admin;
        },
        connection.fetchMaxBytesPerPartition,
      ),
    readPartition: (topic, partition, handle, from) => kafkajsReadPartition(kafka, topic, partition, handle, from),
  };
}
