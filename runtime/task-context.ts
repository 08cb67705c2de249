import type { OperatorFunction } from 'rxjs';
import type { Batch } from '../streams/batch.ts';
import type { KeyValueStore } from './key-value-store.ts';

/** What an operator chain may use of the task it runs in: its partition, its stores, a clock. */
export interface TaskContext {
  readonly applicationId: string;
  readonly topic: string;
  readonly partition: number;
  /** A store the sub-topology declared; restored from its changelog before the first batch. */
  store<V>(name: string): KeyValueStore<V>;
  /** Processing time; injected so tests can drive idleness and emission intervals. */
  readonly now: () => number;
  /** Wraps a step of the chain so its records in and out and its outcomes are counted under its name. */
  measure<A, B>(step: string, operator: OperatorFunction<Batch<A>, Batch<B>>): OperatorFunction<Batch<A>, Batch<B>>;
}
