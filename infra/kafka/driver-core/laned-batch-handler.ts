import { retryDelayMs } from '../../retry.ts';
import type { RecordBatch, TopicPartition } from '../kafka-driver.ts';
import { PartitionLanes } from '../partition-lanes.ts';
import { partitionKey } from './partition-key.ts';
import { SeeksDuringHandling } from './seeks-during-handling.ts';

/** What the handler asks of a client's consumer. */
export interface LaneConsumer {
  pause(partition: TopicPartition): void;
  resume(partition: TopicPartition): void;
  /** Moves the partition's fetch position; batches of it handed over once this resolves start there. */
  seek(partition: TopicPartition, offset: string): Promise<void>;
  /** Commits the partition's next offset to the group (only when the consumer commits offsets itself). */
  commit(partition: TopicPartition, next: string): Promise<void>;
}

/** Bytes of a batch's keys and values: what a partition lane counts against its bound. */
export const bytesOf = (batch: RecordBatch): number => batch.records.reduce((sum, r) => sum + (r.key?.length ?? 0) + (r.value?.length ?? 0), 0);

// A failed batch is fetched again after a backoff, and only many failures in a row are fatal.
const REFETCH = { retries: 10, initialDelayMs: 200, maxDelayMs: 30_000 };

/**
 * How both clients' consumers hand fetched batches to the handler: each owned partition's batches
 * in a lane of their own (in order, while other partitions and fetching go on, paused past a bound
 * of bytes in hand); a batch's offsets committed once it is handled, unless a transaction commits
 * them; a failed batch fetched again from where its work was lost, after a backoff.
 */
export class LanedBatchHandler {
  readonly #lanes: PartitionLanes;
  readonly #consumer: LaneConsumer;
  readonly #commits: boolean;
  readonly #seeks = new SeeksDuringHandling();
  readonly #attempts = new Map<string, number>();
  // Per partition, the batches queued and not yet taken, in fetch order.
  readonly #pending = new Map<string, RecordBatch[]>();
  #owned = new Set<string>();
  #handle: (batch: RecordBatch) => Promise<void> = () => Promise.resolve();
  #fail: (error: unknown) => void = () => undefined;

  constructor(maxBytesInHand: number, consumer: LaneConsumer, commitOffsets: 'consumer' | 'transaction' = 'consumer') {
    this.#consumer = consumer;
    this.#commits = commitOffsets === 'consumer';
    this.#lanes = new PartitionLanes(maxBytesInHand, {
      pause: (p) => { consumer.pause(p); },
      // Also of a partition revoked meanwhile: the client decides what resuming that means.
      resume: (p) => { consumer.resume(p); },
    });
  }

  /** Where batches go from now on, and where a failure that cannot be retried goes. */
  start(handle: (batch: RecordBatch) => Promise<void>, fail: (error: unknown) => void): void {
    this.#handle = handle;
    this.#fail = fail;
  }

  /** The partitions owned now; batches of any other are not handled. */
  assign(partitions: readonly TopicPartition[]): void {
    this.#owned = new Set(partitions.map(partitionKey));
  }

  owns(partition: TopicPartition): boolean {
    return this.#owned.has(partitionKey(partition));
  }

  /**
   * Queues a fetched batch of `bytes` behind its partition's earlier ones. When the partition's
   * turn comes, every batch of it queued by then is handled as one, as a Kafka consumer's poll
   * takes all it fetched meanwhile: fetching goes on while a task works, and a busy task handed
   * each small fetch alone spent more on per-batch work than on records.
   */
  enqueue(batch: RecordBatch, bytes: number): void {
    if (!this.owns(batch)) return;
    const key = partitionKey(batch);
    const taken = this.#lanes.enqueue(batch, bytes, () => this.#processPending(key).catch((error: unknown) => { this.#fail(error); }));
    if (!taken) return;
    const pending = this.#pending.get(key);
    if (pending === undefined) this.#pending.set(key, [batch]);
    else pending.push(batch);
  }

  /** The handler's seek: also decides how far the batch in hand commits. */
  seek(partition: TopicPartition, offset: string): void {
    this.#seeks.seek(partition, offset);
    void this.#moveTo(partition, offset);
  }

  paused(): TopicPartition[] {
    return this.#lanes.paused();
  }

  /** Waits for every batch queued so far. */
  drain(): Promise<void> {
    return this.#lanes.drain();
  }

  /** Drops the queued batches of every partition; those running finish. */
  skipQueued(): void {
    this.#lanes.clear();
    this.#pending.clear();
  }

  #processPending(key: string): Promise<void> {
    const batches = this.#pending.get(key);
    this.#pending.delete(key);
    const last = batches?.at(-1);
    if (batches === undefined || last === undefined) return Promise.resolve();
    // Consecutive batches as one: their records in order, the last one's view of the partition's end.
    return this.#process(batches.length === 1 ? last : { ...last, records: batches.flatMap((b) => b.records) });
  }

  async #process(batch: RecordBatch): Promise<void> {
    // Fetched before a revocation: the next owner reads it again from the committed offset.
    if (!this.owns(batch)) return;
    const first = batch.records[0];
    const last = batch.records.at(-1);
    // The end reached after the last records went: a failure is the handler's to act on (it seeks back).
    if (first === undefined || last === undefined) {
      if (batch.caughtUp === true) await this.#handle(batch).catch(() => undefined);
      return;
    }
    const key = partitionKey(batch);
    let next: string;
    try {
      next = await this.#seeks.handle(batch, String(BigInt(last.offset) + 1n), () => this.#handle(batch));
      this.#attempts.delete(key);
    } catch (error) {
      const attempt = (this.#attempts.get(key) ?? 0) + 1;
      this.#attempts.set(key, attempt);
      if (attempt > REFETCH.retries) throw error;
      await this.#moveTo(batch, this.#seeks.refetchFrom(batch, first.offset), retryDelayMs(REFETCH, attempt));
      return;
    }
    // Revoked while it was handled: its task was closed and may have skipped it, so the next owner reads it again.
    if (this.#commits && this.owns(batch)) await this.#consumer.commit(batch, next);
  }

  /**
   * The one way a partition's position moves: its queued batches and those fetched until the seek
   * is done are dropped, then fetching goes on from `offset`. After a failed batch it waits `delayMs` first.
   */
  async #moveTo(partition: TopicPartition, offset: string, delayMs = 0): Promise<void> {
    this.#lanes.discard(partition);
    this.#pending.delete(partitionKey(partition));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    // A partition revoked meanwhile cannot be sought; its next owner starts from the committed offset.
    await this.#consumer.seek(partition, offset).catch(() => undefined);
    this.#lanes.unblock(partition);
  }
}
