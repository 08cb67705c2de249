import { randomUUID } from 'node:crypto';
import { KafkaClientError } from '../../../errors/index.ts';
import type { ConsumerOptions, KafkaConsumer, RecordBatch, TopicPartition, TransactionalProducer } from '../kafka-driver.ts';
import type { InMemoryCluster } from './in-memory-cluster.ts';
import { partitionKey, type ConsumerGroup, type GroupMember } from './in-memory-consumer-group.ts';
import { InMemoryTransactionalProducer } from './in-memory-transactional-producer.ts';
import { Signal } from './in-memory-signal.ts';

export interface InMemoryConsumerOptions {
  /** Most records in one batch: small enough that a test sees a partition split into several batches. */
  readonly maxBatchRecords: number;
  /** Tries of a batch whose handler fails before the consumer stops; between tries it waits, as kafkajs does. */
  readonly batchAttempts: number;
  readonly retryBackoffMs: number;
}

/** The loop of one owned partition, for as long as this member owns it. */
interface Lane {
  readonly partition: TopicPartition;
  /** Fired when the partition is revoked or the consumer stops: the batch in hand finishes, then the loop ends. */
  readonly stop: Signal;
  done: Promise<void>;
}

/**
 * A member of a consumer group on an in-memory cluster. Each owned partition has its own loop:
 * one batch at a time, the next fetched only after the last was handled and committed, partitions
 * concurrently. Reads are read_committed. A revoked partition's batch in hand finishes and commits
 * before `onRevoked` is told and the next owner starts. A failing batch is fetched again after a
 * backoff; after `batchAttempts` failures the consumer leaves the group and reports the error.
 */
export class InMemoryConsumer implements KafkaConsumer, GroupMember {
  readonly id = `in-memory-${randomUUID()}`;
  readonly topics: readonly string[];
  readonly #cluster: InMemoryCluster;
  readonly #options: ConsumerOptions;
  readonly #settings: InMemoryConsumerOptions;
  readonly #group: ConsumerGroup;
  readonly #lanes = new Map<string, Lane>();
  readonly #seeks = new Map<string, bigint>();
  // Revocations run one after another, so a partition taken and given back is released before it is taken again.
  #revoking: Promise<void> = Promise.resolve();
  #handle: ((batch: RecordBatch) => Promise<void>) | undefined;
  #onError: ((error: unknown) => void) | undefined;
  #stopped: Promise<void> | undefined;

  constructor(cluster: InMemoryCluster, options: ConsumerOptions, settings: InMemoryConsumerOptions) {
    this.#cluster = cluster;
    this.#options = options;
    this.#settings = settings;
    this.topics = [...options.topics];
    this.#group = cluster.group(options.groupId);
  }

  run(handle: (batch: RecordBatch) => Promise<void>, onError?: (error: unknown) => void): Promise<void> {
    if (this.#handle !== undefined) return Promise.reject(new KafkaClientError(`consumer ${this.id} of group ${this.#group.id} is already running`, 'invalid_state', false));
    this.#handle = handle;
    this.#onError = onError;
    this.#group.join(this);
    return Promise.resolve();
  }

  /** Told by the group on every rebalance: starts loops for new partitions, revokes the others. */
  assign(partitions: readonly TopicPartition[]): void {
    const keys = new Set(partitions.map(partitionKey));
    const revoked = [...this.#lanes.entries()].filter(([key]) => !keys.has(key));
    for (const [key, lane] of revoked) {
      this.#lanes.delete(key);
      this.#seeks.delete(key);
      lane.stop.fire();
    }
    if (revoked.length > 0) this.#revoking = this.#revoking.then(() => this.#revoke(revoked.map(([, lane]) => lane))).catch((error: unknown) => { this.#fail(error); });
    // A member on its way out takes nothing new.
    if (this.#stopped !== undefined) return;
    this.#options.onAssigned?.(partitions);
    const after = this.#revoking;
    for (const partition of partitions) {
      const key = partitionKey(partition);
      if (this.#lanes.has(key)) continue;
      const lane: Lane = { partition, stop: new Signal(), done: Promise.resolve() };
      lane.done = after.then(() => this.#run(lane)).catch((error: unknown) => { this.#fail(error); });
      this.#lanes.set(key, lane);
    }
  }

  seek(partition: TopicPartition, offset: string): void {
    // A partition not owned (any more) is left to its next owner, who starts from the committed offset.
    if (!this.#lanes.has(partitionKey(partition))) return;
    this.#seeks.set(partitionKey(partition), BigInt(offset));
    this.#cluster.notify();
  }

  // One batch per partition is in hand at most, and never more than it: nothing waits on sinks.
  paused(): TopicPartition[] {
    return [];
  }

  transactionalProducer(transactionalId: string): TransactionalProducer {
    return new InMemoryTransactionalProducer(this.#cluster, transactionalId, this.#group);
  }

  committed(partition: TopicPartition): Promise<string | undefined> {
    return Promise.resolve(this.#group.committed(partition)?.toString());
  }

  disconnect(): Promise<void> {
    this.#stopped ??= this.#leave();
    return this.#stopped;
  }

  async #revoke(lanes: readonly Lane[]): Promise<void> {
    await Promise.all(lanes.map((l) => l.done));
    this.#options.onRevoked?.(lanes.map((l) => l.partition));
    for (const lane of lanes) this.#group.release(lane.partition, this.id);
    this.#cluster.notify();
  }

  async #leave(): Promise<void> {
    const lanes = [...this.#lanes.values()];
    for (const lane of lanes) lane.stop.fire();
    await Promise.all(lanes.map((l) => l.done));
    await this.#revoking;
    this.#lanes.clear();
    if (this.#handle !== undefined) this.#group.leave(this.id);
    this.#cluster.notify();
  }

  async #run(lane: Lane): Promise<void> {
    const { partition, stop } = lane;
    // Revoked while waiting (its topic may be gone): nothing to take.
    while (!stop.hasFired() && !this.#group.hold(partition, this.id)) await Promise.race([this.#cluster.changed(), stop.fired]);
    if (stop.hasFired()) return;
    const log = this.#cluster.log(partition.topic, partition.partition);
    let position = this.#group.committed(partition) ?? (this.#options.fromBeginning === false ? log.end : 0n);
    let attempt = 0;
    // Whether the last batch handed over reached the end; if not, reaching it later is told by an empty batch.
    let caughtUp = true;
    while (!stop.hasFired()) {
      const change = this.#cluster.changed();
      position = this.#takeSeek(partition) ?? position;
      const { records, next } = log.read(position, this.#settings.maxBatchRecords);
      const last = records.at(-1);
      if (last === undefined) {
        position = next;
        if (!caughtUp && next >= log.end) {
          caughtUp = true;
          // A failure here is the handler's to act on (it seeks back to what it must process again); the loop reads on from there.
          await this.#handle?.({ topic: partition.topic, partition: partition.partition, records, highWatermark: String(log.end), caughtUp }).catch(() => undefined);
        }
        await Promise.race([change, stop.fired]);
        continue;
      }
      caughtUp = next >= log.end;
      try {
        await this.#handle?.({ topic: partition.topic, partition: partition.partition, records, highWatermark: String(log.end), caughtUp });
      } catch (error) {
        // The position stays: the same batch is fetched again after the backoff.
        if (++attempt >= this.#settings.batchAttempts) {
          this.#fail(error);
          return;
        }
        await Promise.race([new Promise((resolve) => setTimeout(resolve, this.#settings.retryBackoffMs * attempt)), stop.fired]);
        continue;
      }
      attempt = 0;
      position = next;
      if (this.#options.commitOffsets !== 'transaction') this.#commit(partition, BigInt(last.offset) + 1n);
    }
  }

  #commit(partition: TopicPartition, next: bigint): void {
    // After a seek back during the batch, the records from the sought offset on come again: they are not done.
    const sought = this.#seeks.get(partitionKey(partition));
    this.#group.commit(partition, sought !== undefined && sought < next ? sought : next);
    this.#cluster.notify();
  }

  #takeSeek(partition: TopicPartition): bigint | undefined {
    const sought = this.#seeks.get(partitionKey(partition));
    this.#seeks.delete(partitionKey(partition));
    return sought;
  }

  #fail(error: unknown): void {
    if (this.#stopped !== undefined) return;
    void this.disconnect().then(() => this.#onError?.(error));
  }
}
