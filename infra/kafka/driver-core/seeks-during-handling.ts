import type { TopicPartition } from '../kafka-driver.ts';
import { partitionKey } from './partition-key.ts';

/**
 * Seeks asked for while a partition's batch is in the handler, which decide how far that batch
 * commits. A batch commits past its last record; after a seek below that, only up to the sought
 * offset, since the records from there on come again and are not done yet.
 */
export class SeeksDuringHandling {
  readonly #sought = new Map<string, string | undefined>();
  readonly #soughtByFailed = new Map<string, string>();

  /** Runs `work`, the handler of a batch of `partition`; resolves to the offset the batch may commit. */
  async handle(partition: TopicPartition, next: string, work: () => Promise<void>): Promise<string> {
    const key = partitionKey(partition);
    this.#sought.set(key, undefined);
    try {
      await work();
      const sought = this.#sought.get(key);
      return sought !== undefined && BigInt(sought) < BigInt(next) ? sought : next;
    } catch (error) {
      const sought = this.#sought.get(key);
      if (sought !== undefined) this.#soughtByFailed.set(key, sought);
      throw error;
    } finally {
      this.#sought.delete(key);
    }
  }

  /**
   * Where a partition is fetched again after its handler failed: where the handler sought before
   * failing (the runtime's first offset not checkpointed yet), else the failed batch's `first`.
   */
  refetchFrom(partition: TopicPartition, first: string): string {
    const key = partitionKey(partition);
    const sought = this.#soughtByFailed.get(key);
    this.#soughtByFailed.delete(key);
    return sought ?? first;
  }

  /** Notes a seek; a partition with no batch in the handler has no commit to change. */
  seek(partition: TopicPartition, offset: string): void {
    const key = partitionKey(partition);
    if (this.#sought.has(key)) this.#sought.set(key, offset);
  }
}
