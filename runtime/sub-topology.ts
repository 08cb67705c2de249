import type { OperatorFunction } from 'rxjs';
import type { KafkaProducer, TopicSpec } from '../infra/kafka/kafka-driver.ts';
import type { Batch } from '../streams/batch.ts';
import type { TaskContext } from './task-context.ts';

/** Where a sub-topology's output goes: written and durable before the batch's offsets are committed. */
export interface BatchSink<Out> {
  write(batch: Batch<Out>): Promise<void>;
}

export interface SinkContext {
  readonly producer: KafkaProducer;
  readonly task: TaskContext;
}

/**
 * One connected piece of a topology: a source topic, an operator chain, the stores it keeps and
 * a sink. Each partition of the source is one task; tasks of every sub-topology share the
 * application's consumer group. Names are validated and stable: topics, stores and metrics derive from them.
 */
export interface SubTopology<Out = unknown> {
  readonly name: string;
  readonly source: string;
  /** Steps of the chain in order, for describe(). */
  readonly steps: readonly string[];
  readonly stores: readonly string[];
  readonly sinkName: string;
  /** Topics the sink writes to, created with the topology. */
  readonly sinkTopics: readonly TopicSpec[];
  readonly chain: (ctx: TaskContext) => OperatorFunction<Batch<Buffer | null>, Batch<Out>>;
  readonly sink: (ctx: SinkContext) => BatchSink<Out>;
}
