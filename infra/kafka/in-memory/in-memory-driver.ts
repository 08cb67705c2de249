import type { IncomingRecord, KafkaDriver } from '../kafka-driver.ts';
import { InMemoryAdmin } from './in-memory-admin.ts';
import type { InMemoryCluster } from './in-memory-cluster.ts';
import { InMemoryConsumer, type InMemoryConsumerOptions } from './in-memory-consumer.ts';
import { InMemoryProducer } from './in-memory-producer.ts';

const DEFAULTS: InMemoryConsumerOptions = { maxBatchRecords: 500, batchAttempts: 10, retryBackoffMs: 20 };

/**
 * A KafkaDriver over an in-memory cluster, for unit tests that assert what lands on topics without
 * a broker: partitioning, consumer groups and rebalances, committed offsets and transactions
 * behave as Kafka's do; compaction and retention are not modelled.
 */
export function createInMemoryDriver(cluster: InMemoryCluster, options: Partial<InMemoryConsumerOptions> = {}): KafkaDriver {
  const settings = { ...DEFAULTS, ...options };
  return {
    name: 'in-memory',
    admin: () => Promise.resolve(new InMemoryAdmin(cluster)),
    producer: () => new InMemoryProducer(cluster),
    consumer: (consumerOptions) => new InMemoryConsumer(cluster, consumerOptions, settings),
    readPartition: (topic, partition, handle, from) => readPartition(cluster, topic, partition, handle, settings.maxBatchRecords, BigInt(from ?? '0')),
  };
}

/**
 * Reads committed records up to the end offset as of the call. Like a read_committed consumer, it
 * waits for transactions open below that end to commit, abort or time out.
 */
async function readPartition(
  cluster: InMemoryCluster,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
  chunk: number,
  from: bigint,
): Promise<void> {
  const log = cluster.log(topic, partition);
  const end = log.end;
  while (log.stableEnd < end) await cluster.changed();
  for (let position = from; position < end; ) {
    const { records, next } = log.read(position, chunk, end);
    if (records.length > 0) handle(records);
    position = next;
  }
  await Promise.resolve();
}
