import { randomUUID } from 'node:crypto';
import { ShelfstreamError } from '../errors/index.ts';
import type { IncomingRecord, KafkaConsumer, KafkaDriver, TopicSpec } from '../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../schemas/record-keys.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { TableLookup } from '../streams/join-latest.ts';

export interface LatestValueTableOptions<V> {
  readonly driver: KafkaDriver;
  /** A keyed (usually compacted) topic with Avro string keys; every partition is read. */
  readonly topic: TopicSpec;
  readonly serde: AvroSerde;
  /** Reader schema the values are decoded into, whatever schema they were written with. */
  readonly schema: AvroSchema<V>;
  /** Told when following the topic stops on an error (the table keeps the values it has). */
  readonly onError?: (error: unknown) => void;
  /**
   * Whether a value may enter the table: a refused one is counted in `refused` and leaves its key's
   * previous value, as a record the pipeline dead-letters never reaches what it derives.
   */
  readonly accepts?: (value: V) => boolean;
}

/**
 * The latest value per key of a whole topic, in memory, like a Kafka Streams GlobalKTable: every
 * instance holds all of it, whatever partitions of the stream it processes. `start()` loads each
 * partition up to its end, then a consumer in a throwaway group follows the topic for updates.
 * A tombstone deletes its key; a record without a key or that does not decode is skipped and counted.
 */
export class LatestValueTable<V> implements TableLookup<V> {
  readonly name: string;
  readonly #source: LatestValueTableOptions<V> | undefined;
  readonly #values = new Map<string, V>();
  // The highest offset applied per partition: the follower starts from the beginning (the driver
  // cannot seek), and skipping what the load applied keeps a key from briefly going back in time.
  readonly #applied = new Map<number, bigint>();
  #skipped = 0;
  #refused = 0;
  #started: Promise<void> | undefined;
  #consumer: KafkaConsumer | undefined;

  private constructor(name: string, source: LatestValueTableOptions<V> | undefined) {
    this.name = name;
    this.#source = source;
  }

  /** A table over `options.topic`, empty until `start()`. */
  static fromTopic<V>(options: LatestValueTableOptions<V>): LatestValueTable<V> {
    return new LatestValueTable(options.topic.topic, options);
  }

  /** A fixed table with no topic behind it, for tests; `start()` and `stop()` do nothing. */
  static fromEntries<V>(entries: Iterable<readonly [string, V]>, name = 'in-memory table'): LatestValueTable<V> {
    const table = new LatestValueTable<V>(name, undefined);
    for (const [key, value] of entries) table.#values.set(key, value);
    return table;
  }

  get(key: string): V | undefined {
    return this.#values.get(key);
  }

  get size(): number {
    return this.#values.size;
  }

  /** Records skipped because they had no key or did not decode. */
  get skipped(): number {
    return this.#skipped;
  }

  /** Values `accepts` refused. */
  get refused(): number {
    return this.#refused;
  }

  /** Resolves once every partition is loaded up to its end offset at the call, and updates are followed. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  /** Stops following the topic; the values stay readable. */
  async stop(): Promise<void> {
    await this.#started?.catch(() => undefined);
    await this.#consumer?.disconnect();
    this.#consumer = undefined;
  }

  async #start(): Promise<void> {
    const source = this.#source;
    if (source === undefined) return;
    const { driver, topic } = source;
    await Promise.all(Array.from({ length: topic.partitions }, (_, partition) => this.#load(source, partition)));
    const consumer = driver.consumer({ groupId: `shelfstream-table-${topic.topic}-${randomUUID()}`, topics: [topic.topic], fromBeginning: true });
    this.#consumer = consumer;
    await consumer.run((batch) => this.#apply(source, batch.records), source.onError);
  }

  async #load(source: LatestValueTableOptions<V>, partition: number): Promise<void> {
    // readPartition hands over records synchronously while decoding is async: chain the batches in order.
    let applying = Promise.resolve();
    let failure: { error: unknown } | undefined;
    await source.driver.readPartition(source.topic.topic, partition, (records) => {
      applying = applying.then(() => (failure === undefined ? this.#apply(source, records) : undefined)).catch((error: unknown) => {
        failure ??= { error };
      });
    });
    await applying;
    if (failure !== undefined) throw failure.error;
  }

  async #apply(source: LatestValueTableOptions<V>, records: readonly IncomingRecord[]): Promise<void> {
    for (const r of records) {
      const offset = BigInt(r.offset);
      if (offset <= (this.#applied.get(r.partition) ?? -1n)) continue;
      const location = { topic: r.topic, partition: r.partition, offset: r.offset };
      try {
        if (r.key === null) {
          this.#skipped++;
        } else {
          const key = await source.serde.deserialize(r.key, KEY_SCHEMA, location);
          if (r.value === null) {
            this.#values.delete(key);
          } else {
            const value = await source.serde.deserialize(r.value, source.schema, location);
            if (source.accepts === undefined || source.accepts(value)) this.#values.set(key, value);
            else this.#refused++;
          }
        }
      } catch (error) {
        // Retriable (registry unreachable): fail so the batch is read again rather than lost.
        if (!(error instanceof ShelfstreamError) || error.retriable) throw error;
        this.#skipped++;
      }
      this.#applied.set(r.partition, offset);
    }
  }
}
