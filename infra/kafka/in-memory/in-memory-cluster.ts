import { randomUUID } from 'node:crypto';
import { KafkaClientError } from '../../../errors/index.ts';
import type { TopicPartition, TopicSpec } from '../kafka-driver.ts';
import { ConsumerGroup } from './in-memory-consumer-group.ts';
import { PartitionLog } from './in-memory-partition-log.ts';
import { Signal } from './in-memory-signal.ts';
import { TransactionCoordinator } from './in-memory-transactions.ts';

export interface InMemoryClusterOptions {
  /** The clock stamping records produced without a timestamp. */
  readonly now?: () => number;
  /** How long a transaction may stay open before the coordinator aborts it and fences its producer. */
  readonly transactionTimeoutMs?: number;
}

/**
 * The state of a one-broker Kafka cluster in memory: topics and their partition logs, consumer
 * groups with their committed offsets, and the transaction coordinator. Drivers made over the same
 * cluster see the same topics, as clients of one broker do.
 */
export class InMemoryCluster {
  readonly clusterId = randomUUID();
  readonly now: () => number;
  readonly transactions: TransactionCoordinator;
  readonly #topics = new Map<string, readonly PartitionLog[]>();
  readonly #groups = new Map<string, ConsumerGroup>();
  #change = new Signal();

  constructor(options: InMemoryClusterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.transactions = new TransactionCoordinator(options.transactionTimeoutMs ?? 60_000, () => { this.notify(); });
  }

  /** Creates the topic unless it exists; returns whether it did. */
  createTopic(spec: TopicSpec): boolean {
    if (this.#topics.has(spec.topic)) return false;
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new KafkaClientError(`topic ${spec.topic} needs at least one partition, not ${spec.partitions}`, 'invalid_partitions', false, { location: { topic: spec.topic } });
    }
    this.#topics.set(spec.topic, Array.from({ length: spec.partitions }, (_, p) => new PartitionLog(spec.topic, p)));
    this.#topicsChanged();
    return true;
  }

  deleteTopic(topic: string): void {
    if (!this.#topics.delete(topic)) throw unknownTopic(topic);
    for (const group of this.#groups.values()) group.forgetTopic(topic);
    this.#topicsChanged();
  }

  topics(): string[] {
    return [...this.#topics.keys()];
  }

  partitionCount(topic: string): number {
    const logs = this.#topics.get(topic);
    if (logs === undefined) throw unknownTopic(topic);
    return logs.length;
  }

  log(topic: string, partition: number): PartitionLog {
    const logs = this.#topics.get(topic);
    if (logs === undefined) throw unknownTopic(topic);
    const log = logs[partition];
    if (log === undefined) {
      throw new KafkaClientError(`topic ${topic} has no partition ${partition}`, 'unknown_topic_or_partition', true, { location: { topic, partition } });
    }
    return log;
  }

  group(groupId: string): ConsumerGroup {
    let group = this.#groups.get(groupId);
    if (group === undefined) {
      group = new ConsumerGroup(groupId, (topic) => this.#topics.get(topic)?.length);
      this.#groups.set(groupId, group);
    }
    return group;
  }

  /** The group's committed offset of a partition (the next offset it will read), as an admin would fetch it. */
  committedOffset(groupId: string, partition: TopicPartition): string | undefined {
    const offset = this.#groups.get(groupId)?.committed(partition);
    return offset === undefined ? undefined : String(offset);
  }

  /** Resolves at the next change of any log, group or transaction: what waiting readers wait on. */
  changed(): Promise<void> {
    return this.#change.fired;
  }

  notify(): void {
    const change = this.#change;
    this.#change = new Signal();
    change.fire();
  }

  // Members subscribed to a topic created or deleted now gain or lose its partitions, as after a metadata refresh.
  #topicsChanged(): void {
    for (const group of this.#groups.values()) group.rebalance();
    this.notify();
  }
}

function unknownTopic(topic: string): KafkaClientError {
  return new KafkaClientError(`topic ${topic} does not exist`, 'unknown_topic_or_partition', true, { location: { topic } });
}
