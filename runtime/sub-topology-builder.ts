import { pipe, type OperatorFunction } from 'rxjs';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import type { SinkFactory } from '../sinks/sink.ts';
import type { Batch } from '../streams/batch.ts';
import type { StateStore } from '../streams/state-store.ts';
import type { StepSpec, SubTopology } from './sub-topology.ts';
import type { TaskContext } from './task-context.ts';

/** What building a step's operator may use: its own name (written once, in the builder), the task's clock and partition. */
export interface StepContext {
  readonly name: string;
  readonly partition: number;
  readonly now: () => number;
}

type AnyOperator = OperatorFunction<Batch<unknown>, Batch<unknown>>;

interface StepDefinition extends StepSpec {
  readonly make: (ctx: TaskContext) => AnyOperator;
}

/**
 * Builds a sub-topology step by step, as Kafka Streams names each processor once: the name given
 * to `step` is the one describe(), metrics, dead letters and the step's store use.
 */
export class SubTopologyBuilder<T> {
  readonly #name: string;
  readonly #source: string;
  readonly #steps: readonly StepDefinition[];

  constructor(name: string, source: string, steps: readonly StepDefinition[] = []) {
    this.#name = name;
    this.#source = source;
    this.#steps = steps;
  }

  /** A stateless step. */
  step<U>(name: string, operator: (step: StepContext) => OperatorFunction<Batch<T>, Batch<U>>): SubTopologyBuilder<U> {
    return this.#with(name, false, (ctx) => operator(stepContext(name, ctx)));
  }

  /** A stateful step: its store, named after it, is restored from its changelog before the task's first batch. */
  statefulStep<U, S>(
    name: string,
    operator: (step: StepContext, store: StateStore<S>) => OperatorFunction<Batch<T>, Batch<U>>,
  ): SubTopologyBuilder<U> {
    return this.#with(name, true, (ctx) => operator(stepContext(name, ctx), ctx.store<S>(name)));
  }

  /** Ends the chain in a sink, writing to `topics` (created with the topology) when it writes to Kafka. */
  to(sinkName: string, sink: SinkFactory<T>, topics: readonly TopicSpec[] = []): SubTopology<T> {
    const steps = this.#steps;
    return {
      name: this.#name,
      source: this.#source,
      steps: steps.map(({ name, stateful }) => ({ name, stateful })),
      sinkName,
      sinkTopics: topics,
      chain: (ctx) => {
        const operators = steps.map((s) => ctx.measure(s.name, s.make(ctx)));
        return pipe(...(operators as [AnyOperator])) as unknown as OperatorFunction<Batch<Buffer | null>, Batch<T>>;
      },
      sink,
    };
  }

  #with<U>(name: string, stateful: boolean, make: (ctx: TaskContext) => OperatorFunction<Batch<T>, Batch<U>>): SubTopologyBuilder<U> {
    return new SubTopologyBuilder<U>(this.#name, this.#source, [...this.#steps, { name, stateful, make: make as unknown as StepDefinition['make'] }]);
  }
}

/** Starts a sub-topology reading `source`: its records arrive as raw bytes, so the first step usually decodes them. */
export function subTopology(name: string, source: string): SubTopologyBuilder<Buffer | null> {
  return new SubTopologyBuilder<Buffer | null>(name, source);
}

function stepContext(name: string, ctx: TaskContext): StepContext {
  return { name, partition: ctx.partition, now: ctx.now };
}
