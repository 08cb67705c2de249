import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome of an input record: each record counts in exactly one. */
export type Outcome = 'output' | 'filtered' | 'dead_lettered' | 'late';

/**
 * The runtime's Prometheus metrics, per sub-topology and partition. One registry per runner, so
 * two runners in one process (tests) do not share counters.
 */
export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly recordsIn = new Counter({
    name: 'shelfstream_records_in_total',
    help: 'Records fetched from source topics',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });
  readonly outcomes = new Counter({
    name: 'shelfstream_record_outcomes_total',
    help: 'Input records by final outcome: output (including absorbed into state), filtered, dead_lettered, late',
    labelNames: ['sub_topology', 'partition', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly recordsOut = new Counter({
    name: 'shelfstream_records_out_total',
    help: 'Records a sub-topology handed to its sink',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });
  readonly batchErrors = new Counter({
    name: 'shelfstream_batch_errors_total',
    help: 'Batches that failed and will be fetched again',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });
  readonly watermark = new Gauge({
    name: 'shelfstream_watermark_ms',
    help: 'Event-time watermark of a task, epoch ms',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });
  readonly stateSize = new Gauge({
    name: 'shelfstream_state_entries',
    help: 'Entries in a task store',
    labelNames: ['store', 'partition'] as const,
    registers: [this.registry],
  });
  readonly lag = new Gauge({
    name: 'shelfstream_consumer_lag',
    help: 'Offsets between the last record processed and the end of the partition when fetched',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });
  readonly stepRecords = new Counter({
    name: 'shelfstream_step_records_total',
    help: 'Records through each step of a chain: direction in or out, and the side outcomes the step added',
    labelNames: ['sub_topology', 'step', 'partition', 'direction'] as const,
    registers: [this.registry],
  });
  readonly stepErrors = new Counter({
    name: 'shelfstream_step_errors_total',
    help: 'Batches a step failed on (thrown, not dead-lettered); the batch is fetched again',
    labelNames: ['sub_topology', 'step', 'partition'] as const,
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'shelfstream_batch_seconds',
    help: 'Time a task spends on one batch: running its chain of operators, then its checkpoint (sink, side outputs, changelog; offsets too under exactly-once)',
    labelNames: ['sub_topology', 'phase'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly batchRecords = new Histogram({
    name: 'shelfstream_batch_records',
    help: 'Records per fetched batch handed to a task',
    labelNames: ['sub_topology'] as const,
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });
  readonly paused = new Gauge({
    name: 'shelfstream_paused_partitions',
    help: 'Source partitions whose fetching is paused because their batches wait on sinks',
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'shelfstream_in_flight_records',
    help: 'Records of the batch a task has in hand, fetched and not yet committed; no further fetch of the partition is processed meanwhile',
    labelNames: ['sub_topology', 'partition'] as const,
    registers: [this.registry],
  });

  /** Sum of a counter's values whose labels match, for logs and tests. */
  async total(metric: 'outcomes' | 'recordsIn' | 'recordsOut' | 'stepRecords', labels: Record<string, string> = {}): Promise<number> {
    const { values } = await this[metric].get();
    return values.filter((v) => Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l)).reduce((s, v) => s + v.value, 0);
  }
}
