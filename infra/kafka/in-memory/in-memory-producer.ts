import { Partitioners } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import type { KafkaProducer, OutgoingRecord } from '../kafka-driver.ts';
import type { InMemoryCluster } from './in-memory-cluster.ts';
import type { Transaction } from './in-memory-transactions.ts';

type Partitioner = ReturnType<typeof Partitioners.DefaultPartitioner>;

/**
 * A producer appending to the cluster's logs. Records go where Kafka's default partitioner puts
 * them (kafkajs' own: an explicit partition, else murmur2 of the key bytes, else round robin); keys,
 * values and headers are copied as a broker would hold them, string headers becoming bytes. Inside a
 * transaction, its records stay unread until the transaction commits.
 */
export class InMemoryProducer implements KafkaProducer {
  readonly #cluster: InMemoryCluster;
  readonly #partitioner: Partitioner;
  readonly #transaction: Transaction | undefined;
  #connected: boolean;

  constructor(cluster: InMemoryCluster, transaction?: { readonly transaction: Transaction; readonly partitioner: Partitioner }) {
    this.#cluster = cluster;
    this.#partitioner = transaction?.partitioner ?? Partitioners.DefaultPartitioner();
    this.#transaction = transaction?.transaction;
    // A transaction's producer is the transactional producer's own, already connected.
    this.#connected = transaction !== undefined;
  }

  connect(): Promise<void> {
    this.#connected = true;
    return Promise.resolve();
  }

  async send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    // A send is a broker round trip: let other work interleave, as it would.
    await Promise.resolve();
    if (!this.#connected) throw new KafkaClientError(`producer is not connected (sending to ${topic})`, 'not_connected', false, { location: { topic } });
    if (this.#transaction !== undefined) this.#cluster.transactions.assertWritable(this.#transaction);
    const partitionMetadata = Array.from({ length: this.#cluster.partitionCount(topic) }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    // Partitions are chosen for every record first, so a bad one fails the send before anything is appended.
    const logs = records.map((r) =>
      this.#cluster.log(topic, this.#partitioner({ topic, partitionMetadata, message: { key: r.key, value: r.value, ...(r.partition === undefined ? {} : { partition: r.partition }) } })),
    );
    records.forEach((r, i) => {
      const log = logs[i];
      if (log === undefined) return;
      if (this.#transaction !== undefined) this.#transaction.logs.add(log);
      log.append(
        {
          key: r.key === null ? null : Buffer.from(r.key),
          value: r.value === null ? null : Buffer.from(r.value),
          headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([name, v]) => [name, Buffer.from(v)])),
          timestamp: r.timestamp ?? this.#cluster.now(),
        },
        this.#transaction,
      );
    });
    this.#cluster.notify();
  }

  disconnect(): Promise<void> {
    this.#connected = false;
    return Promise.resolve();
  }
}
