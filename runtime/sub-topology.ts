import type { OperatorFunction } from 'rxjs';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import type { SinkFactory } from '../sinks/sink.ts';
import type { Batch } from '../streams/batch.ts';
import type { TaskContext } from './task-context.ts';

/** A named step of a chain; a stateful one owns a changelog-backed store of the same name. */
export interface StepSpec {
  readonly name: string;
  readonly stateful: boolean;
}

/**
 * One connected piece of a topology: a source topic, an operator chain, the stores it keeps and
 * a sink. Each partition of the source is one task; tasks of every sub-topology share the
 * application's consumer group. Names are validated and stable: topics, stores and metrics derive
 * from them. Built with `subTopology(...)` (sub-topology-builder.ts), which names each step once.
 */
export interface SubTopology<Out = unknown> {
  readonly name: string;
  readonly source: string;
  /** Steps of the chain in order, for describe(), metrics and the stores to restore. */
  readonly steps: readonly StepSpec[];
  readonly sinkName: string;
  /** Topics the sink writes to, created with the topology. */
  readonly sinkTopics: readonly TopicSpec[];
  readonly chain: (ctx: TaskContext) => OperatorFunction<Batch<Buffer | null>, Batch<Out>>;
  readonly sink: SinkFactory<Out>;
}

/** The stores of a sub-topology: one per stateful step, named after it. */
export const storesOf = (sub: SubTopology): string[] => sub.steps.filter((s) => s.stateful).map((s) => s.name);
