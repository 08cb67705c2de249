import type { KafkaProducer, TopicPartition } from '../infra/kafka/kafka-driver.ts';
import type { Batch } from '../streams/batch.ts';

/** What a sink knows of the task it serves: the application and the one input partition. */
export interface SinkContext {
  readonly applicationId: string;
  readonly input: TopicPartition;
}

/** The moment everything added must be durable: the task commits its input offsets right after. */
export interface Checkpoint {
  /**
   * Records sent through this producer commit with the input offsets: inside the task's Kafka
   * transaction under exactly-once, acknowledged before the offset commit under at-least-once.
   */
  readonly producer: KafkaProducer;
  /** The next input offset the checkpoint commits: everything before it has been added. */
  readonly next: string;
}

/**
 * Where a task's output goes: one contract for Kafka topics, Iceberg tables and ClickHouse tables.
 * Shaped after Kafka Connect's sink task (open, put, preCommit, close) and Quix Streams' add/flush:
 * the runtime adds each processed batch as it comes, the sink may write early on its own size or
 * time policy, and at each checkpoint everything added must be durable before the offsets commit.
 * A slow sink slows its task by taking long to resolve `add` or `flush`: that is the backpressure,
 * and the partition's fetching pauses behind it. Calls to one sink never overlap.
 */
export interface Sink<T> {
  /**
   * Called once before the task's first batch. A sink that keeps its own record of what it holds
   * (an Iceberg snapshot summary, a ClickHouse ledger) returns the next input offset it does not
   * hold yet: the task skips what is below it for this sink, and seeks past it when every sink of
   * the task holds it. Undefined: the sink keeps no position and follows the committed offsets.
   */
  open(): Promise<string | undefined>;
  /** One processed batch: its records, dead letters and late records, in input order. */
  add(batch: Batch<T>): Promise<void>;
  /** Makes everything added durable; rejects (retriable or not) when it cannot. */
  flush(checkpoint: Checkpoint): Promise<void>;
  /**
   * Optional: the sink's own flush policy, asked after each add. The runtime checkpoints on its
   * commit interval; `now` asks for a checkpoint at once (the sink's buffer reached its size bound,
   * or its own interval elapsed), `hold` holds the interval's checkpoint back (too soon for a sink
   * whose every flush is costly, such as a table snapshot). A checkpoint the runtime must take
   * anyway (input caught up, the member stopping) still flushes the sink: a flush is always durable.
   */
  flushRequest?(): FlushRequest | undefined;
  /** The task ends (revoked, stopped or failed): release resources; anything not flushed is dropped. */
  close(): Promise<void>;
}

/** What a sink asks of the task's next checkpoint; undefined: whatever the commit interval says. */
export type FlushRequest = 'now' | 'hold';

/** The table outside Kafka a sink loads: named in describe(), so what depends on a topic can be traced to it. */
export interface SinkTarget {
  readonly system: 'ClickHouse' | 'Iceberg';
  /** ClickHouse: the table in the sink client's database; Iceberg: `namespace.name`. */
  readonly table: string;
}

/**
 * A sink per task: each task of a sub-topology gets its own instance, so a sink may keep
 * per-partition state. A factory whose sinks load a table names it as its `target`.
 */
export interface SinkFactory<T> {
  (context: SinkContext): Sink<T>;
  readonly target?: SinkTarget;
}

/** `factory`, declaring the table its sinks load. */
export const loadingInto = <T>(target: SinkTarget, factory: (context: SinkContext) => Sink<T>): SinkFactory<T> => Object.assign(factory, { target });

/** The part of a batch a sink does not hold yet: what came from input offsets at or past its position. */
export function withoutHeld<T>(batch: Batch<T>, position: bigint | undefined): Batch<T> {
  if (position === undefined) return batch;
  const fresh = (offset: string) => BigInt(offset) >= position;
  return {
    ...batch,
    records: batch.records.filter((r) => fresh(r.origin.offset)),
    deadLetters: batch.deadLetters.filter((d) => fresh(d.origin.offset)),
    late: batch.late.filter((l) => fresh(l.record.origin.offset)),
  };
}
