import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome of an input record: each record counts in exactly one. */
export type Outcome = 'output' | 'filtered' | 'dead_lettered' | 'late';

/**
 * The runtime's Prometheus metrics, per sub-topology and partition. One registry per runner, so
 * two runners in one process (tests) do not share counters.
 */
/** The labels of most metrics: one task, a sub-topology's partition. */
const TASK = ['sub_topology', 'partition'] as const;

export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly recordsIn = this.#counter('shelfstream_records_in_total', 'Records fetched from source topics', TASK);
  readonly outcomes = this.#counter('shelfstream_record_outcomes_total', 'Input records by final outcome: output (including absorbed into state), filtered, dead_lettered, late', [...TASK, 'outcome']);
  readonly recordsOut = this.#counter('shelfstream_records_out_total', 'Records a sub-topology handed to its sink', TASK);
  readonly batchErrors = this.#counter('shelfstream_batch_errors_total', 'Batches that failed and will be fetched again', TASK);
  readonly watermark = this.#gauge('shelfstream_watermark_ms', 'Event-time watermark of a task, epoch ms', TASK);
  readonly stateSize = this.#gauge('shelfstream_state_entries', 'Entries in a task store', ['store', 'partition']);
  readonly lag = this.#gauge('shelfstream_consumer_lag', 'Offsets between the last record processed and the end of the partition when fetched', TASK);
  readonly stepRecords = this.#counter('shelfstream_step_records_total', 'Records through each step of a chain: direction in or out, and the side outcomes the step added', ['sub_topology', 'step', 'partition', 'direction']);
  readonly stepErrors = this.#counter('shelfstream_step_errors_total', 'Batches a step failed on (thrown, not dead-lettered); the batch is fetched again', ['sub_topology', 'step', 'partition']);
  readonly batchSeconds = this.#histogram('shelfstream_batch_seconds', 'Time a task spends on one batch: running its chain of operators, then its checkpoint (sink, side outputs, changelog; offsets too under exactly-once)', ['sub_topology', 'phase'], [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
  readonly batchRecords = this.#histogram('shelfstream_batch_records', 'Records per fetched batch handed to a task', ['sub_topology'], [1, 10, 50, 100, 250, 500, 1000, 2500, 5000]);
  readonly paused = this.#gauge('shelfstream_paused_partitions', 'Source partitions whose fetching is paused because their batches wait on sinks', []);
  readonly inFlight = this.#gauge('shelfstream_in_flight_records', 'Records of the batch a task has in hand, fetched and not yet committed; no further fetch of the partition is processed meanwhile', TASK);

  /** Sum of a counter's values whose labels match, for logs and tests. */
  async total(metric: 'outcomes' | 'recordsIn' | 'recordsOut' | 'stepRecords', labels: Record<string, string> = {}): Promise<number> {
    const { values } = await this[metric].get();
    return values.filter((v) => Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l)).reduce((s, v) => s + v.value, 0);
  }

  #counter<T extends string>(name: string, help: string, labelNames: readonly T[]): Counter<T> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  #gauge<T extends string>(name: string, help: string, labelNames: readonly T[]): Gauge<T> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  #histogram<T extends string>(name: string, help: string, labelNames: readonly T[], buckets: number[]): Histogram<T> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
