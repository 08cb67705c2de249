import { Partitioners } from 'kafkajs';
import { KafkaClientError } from '../../../errors/index.ts';
import type { KafkaProducer, TransactionalProducer } from '../kafka-driver.ts';
import type { InMemoryCluster } from './in-memory-cluster.ts';
import type { ConsumerGroup } from './in-memory-consumer-group.ts';
import { InMemoryProducer } from './in-memory-producer.ts';

/**
 * A transactional producer of a consumer's group: the records sent through a transaction's
 * producer and the group's offset commit become visible in one step, or not at all. Connecting
 * fences every older producer of the same transactional id; a fenced producer's transaction
 * fails with ProducerFencedError and its records are never read.
 */
export class InMemoryTransactionalProducer implements TransactionalProducer {
  readonly #cluster: InMemoryCluster;
  readonly #transactionalId: string;
  readonly #group: ConsumerGroup;
  readonly #partitioner = Partitioners.DefaultPartitioner();
  #epoch: number | undefined;

  constructor(cluster: InMemoryCluster, transactionalId: string, group: ConsumerGroup) {
    this.#cluster = cluster;
    this.#transactionalId = transactionalId;
    this.#group = group;
  }

  connect(): Promise<void> {
    this.#epoch = this.#cluster.transactions.initProducer(this.#transactionalId);
    return Promise.resolve();
  }

  async transaction(work: (producer: KafkaProducer) => Promise<void>, next: { topic: string; partition: number; offset: string }): Promise<void> {
    if (this.#epoch === undefined) {
      throw new KafkaClientError(`transactional producer ${this.#transactionalId} is not connected`, 'not_connected', false);
    }
    const { transactions } = this.#cluster;
    const transaction = transactions.begin(this.#transactionalId, this.#epoch);
    try {
      await work(new InMemoryProducer(this.#cluster, { transaction, partitioner: this.#partitioner }));
      // Like sendOffsets then commit: a broker round trip in which a newer producer may fence this one.
      await Promise.resolve();
      transactions.commit(transaction, () => { this.#group.commit(next, BigInt(next.offset)); });
    } catch (error) {
      transactions.abort(transaction);
      throw error;
    }
  }

  disconnect(): Promise<void> {
    this.#epoch = undefined;
    return Promise.resolve();
  }
}
