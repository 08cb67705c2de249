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
}
