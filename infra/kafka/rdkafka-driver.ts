import { consumerTuning } from './driver-core/consumer-tuning.ts';
import type { KafkaConnection } from './kafka-connection.ts';
import type { KafkaDriver } from './kafka-driver.ts';
import { deliveringProducer } from './rdkafka/delivering-producer.ts';
import type { RdkafkaConfig } from './rdkafka/load-rdkafka.ts';
import { rdkafkaAdmin } from './rdkafka/rdkafka-admin.ts';
import { rdkafkaConsumer } from './rdkafka/rdkafka-consumer.ts';
import { rdkafkaReadPartition } from './rdkafka/rdkafka-read-partition.ts';

/** The node-rdkafka driver: the connection as librdkafka properties, and its clients. */
export function createRdkafkaDriver(connection: KafkaConnection): KafkaDriver {
  const base: RdkafkaConfig = {
    'metadata.broker.list': connection.brokers.join(','),
    'client.id': connection.clientId,
    'socket.connection.setup.timeout.ms': connection.connectTimeoutMs,
  };
  const tuning = consumerTuning(connection);
  return {
    name: 'rdkafka',
    admin: () => rdkafkaAdmin(base, connection.connectTimeoutMs),
    producer: () => deliveringProducer(base, connection.connectTimeoutMs).api,
    consumer: (options) =>
      rdkafkaConsumer(
        {
          ...base,
          'session.timeout.ms': connection.sessionTimeoutMs,
          'heartbeat.interval.ms': tuning.heartbeatIntervalMs,
          // librdkafka prefetches in the background and stops fetching a partition while its local
          // queue is over these bounds: they, not the processing loop, bound memory under a slow sink.
          'fetch.max.bytes': tuning.fetchMaxBytes,
          'max.partition.fetch.bytes': tuning.fetchMaxBytesPerPartition,
          'queued.max.messages.kbytes': Math.max(1, Math.floor(tuning.fetchMaxBytes / 1024)),
        },
        options,
        connection.connectTimeoutMs,
        base,
        connection.fetchMaxBytesPerPartition,
      ),
    readPartition: (topic, partition, handle, from) => rdkafkaReadPartition(base, connection.connectTimeoutMs, topic, partition, handle, from),
  };
}
