import { partitionKey } from './driver-core/partition-key.ts';
import type { TopicPartition } from './kafka-driver.ts';

/** What a lane asks of the consumer: stop and restart fetching one partition. */
export interface FetchControl {
  pause(partition: TopicPartition): void;
  resume(partition: TopicPartition): void;
}

interface Lane {
  readonly partition: TopicPartition;
  tail: Promise<void>;
  /** Bytes of the batches in hand, the running one included. */
  queued: number;
  paused: boolean;
  /** Batches queued before the last discard belong to an older epoch and are skipped. */
  epoch: number;
  /** Between a discard and the seek that follows it: batches fetched meanwhile are stale. */
  blocked: boolean;
}

/**
 * One queue of batches per partition: a partition's batches run one after another, in fetch order,
 * while different partitions run concurrently and fetching goes on. This is the backpressure:
 * once the batches of a partition in hand (the one running included) hold `maxQueuedBytes`,
 * fetching that partition pauses, and it resumes when they hold less, so a lagging sink holds a
 * bounded amount of records per partition. Hand-written: neither Kafka client offers
 * per-partition queues with pause and resume over a batch handler.
 */
export class PartitionLanes {
  readonly #lanes = new Map<string, Lane>();
  readonly #maxQueuedBytes: number;
  readonly #control: FetchControl;

  constructor(maxQueuedBytes: number, control: FetchControl) {
    this.#maxQueuedBytes = Math.max(1, maxQueuedBytes);
    this.#control = control;
  }

  /**
   * Queues `work` behind the partition's earlier batches; it is skipped if the lane is discarded
   * first. False when the lane takes nothing now (between a discard and its unblock).
   */
  enqueue(partition: TopicPartition, bytes: number, work: () => Promise<void>): boolean {
    const lane = this.#lane(partition);
    if (lane.blocked) return false;
    const epoch = lane.epoch;
    lane.queued += bytes;
    if (lane.queued >= this.#maxQueuedBytes && !lane.paused) {
      lane.paused = true;
      this.#control.pause(partition);
    }
    lane.tail = lane.tail
      .then(() => (lane.epoch === epoch ? work() : undefined))
      .finally(() => {
        lane.queued -= bytes;
        if (lane.paused && lane.queued < this.#maxQueuedBytes) {
          lane.paused = false;
          this.#control.resume(partition);
        }
      })
      // A lane never rejects: `work` reports its own failures, and the next batch must still run.
      .catch(() => undefined);
    return true;
  }

  /**
   * Drops every batch queued behind the running one, and whatever is fetched until `unblock`:
   * a seek follows, after a failed batch or when the consumer is asked to move the partition.
   */
  discard(partition: TopicPartition): void {
    const lane = this.#lane(partition);
    lane.epoch += 1;
    lane.blocked = true;
  }

  unblock(partition: TopicPartition): void {
    this.#lane(partition).blocked = false;
  }

  /** Partitions fetching is paused for now. */
  paused(): TopicPartition[] {
    return [...this.#lanes.values()].filter((l) => l.paused).map((l) => l.partition);
  }

  /** Waits until every lane ran or skipped everything queued so far. */
  async drain(): Promise<void> {
    await Promise.all([...this.#lanes.values()].map((l) => l.tail));
  }

  /**
   * Skips every batch queued behind the running ones: after a rebalance a partition is fetched
   * again from its committed offset. A batch running finishes first, and what comes next waits for it.
   */
  clear(): void {
    for (const lane of this.#lanes.values()) lane.epoch += 1;
  }

  #lane(partition: TopicPartition): Lane {
    const id = partitionKey(partition);
    let lane = this.#lanes.get(id);
    if (lane === undefined) {
      // Only the names: the first batch of the partition, which `partition` may be, must not live on.
      lane = { partition: { topic: partition.topic, partition: partition.partition }, tail: Promise.resolve(), queued: 0, paused: false, epoch: 0, blocked: false };
      this.#lanes.set(id, lane);
    }
    return lane;
  }
}
