import { firstValueFrom, of, type OperatorFunction } from 'rxjs';
import type { KafkaDriver, KafkaProducer, RecordBatch, TransactionalProducer } from '../infra/kafka/kafka-driver.ts';
import { writeSideOutputs } from '../sinks/kafka/side-output-sink.ts';
import { emptyOutcomes, type Batch, type SourceProgress } from '../streams/batch.ts';
import { SOURCE_HEADERS } from '../streams/record-source.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { changelogTopic, flushStore, restoreStore } from './changelog.ts';
import { KeyValueStore } from './key-value-store.ts';
import { measureStep } from './metrics/measure-step.ts';
import type { RuntimeMetrics } from './metrics/runtime-metrics.ts';
import type { BatchSink, SubTopology } from './sub-topology.ts';
import type { TaskContext } from './task-context.ts';

export interface StreamTaskOptions {
  readonly applicationId: string;
  readonly subTopology: SubTopology;
  readonly partition: number;
  readonly driver: KafkaDriver;
  readonly producer: KafkaProducer;
  /**
   * With one, every batch's writes and its consumer offsets commit in one Kafka transaction
   * (exactly-once between topics); without, the driver commits after the writes (at-least-once,
   * made effectively-once by idempotent sinks and stores).
   */
  readonly transactions?: TransactionalProducer;
  readonly metrics: RuntimeMetrics;
  readonly sideOutputs: { readonly deadLetter: string; readonly late: string };
  readonly now: () => number;
}

/**
 * One partition of one sub-topology. A batch is checkpointed in a fixed order before its offsets
 * are committed: sink output, then dead letters and late records, then store changes; with a
 * transactional producer all of it and the offsets are one Kafka transaction. Without one, a crash
 * anywhere replays the batch; sinks are idempotent and stateful steps skip what their stores
 * already hold, so the replay changes nothing.
 */
export class StreamTask {
  readonly #options: StreamTaskOptions;
  readonly #stores = new Map<string, KeyValueStore<unknown>>();
  readonly #chain: OperatorFunction<Batch<Buffer | null>, Batch<unknown>>;
  readonly #sink: BatchSink<unknown>;
  readonly #labels: { sub_topology: string; partition: string };
  // Sinks write through this, so inside a transaction their records join it.
  #writer: KafkaProducer;

  private constructor(options: StreamTaskOptions) {
    this.#options = options;
    this.#writer = options.producer;
    const { subTopology, partition } = options;
    for (const name of subTopology.stores) this.#stores.set(name, new KeyValueStore(name));
    const context: TaskContext = {
      applicationId: options.applicationId,
      topic: subTopology.source,
      partition,
      now: options.now,
      measure: (step, operator) => {
        if (!subTopology.steps.includes(step)) throw new Error(`sub-topology ${subTopology.name} has no step ${step}`);
        return measureStep(options.metrics, { sub_topology: subTopology.name, step, partition: String(partition) }, operator);
      },
      store: <V>(name: string) => {
        const store = this.#stores.get(name);
        if (store === undefined) throw new Error(`sub-topology ${subTopology.name} did not declare store ${name}`);
        return store as KeyValueStore<V>;
      },
    };
    this.#chain = subTopology.chain(context);
    const writer: KafkaProducer = {
      connect: () => Promise.resolve(),
      send: (topic, records) => this.#writer.send(topic, records),
      disconnect: () => Promise.resolve(),
    };
    this.#sink = subTopology.sink({ producer: writer, task: context });
    this.#labels = { sub_topology: subTopology.name, partition: String(partition) };
  }

  /** A task whose stores are restored from their changelogs and ready for its first batch. */
  static async start(options: StreamTaskOptions): Promise<StreamTask> {
    // First fence any zombie of this task and abort its open transaction, so restore can read to the end.
    await options.transactions?.connect();
    const task = new StreamTask(options);
    for (const [name, store] of task.#stores) {
      await restoreStore(options.driver, changelogTopic(options.applicationId, name), options.partition, store);
    }
    return task;
  }

  async process(fetched: RecordBatch): Promise<void> {
    const { metrics } = this.#options;
    metrics.inFlight.set(this.#labels, fetched.records.length);
    try {
      await this.#process(fetched);
    } finally {
      metrics.inFlight.set(this.#labels, 0);
    }
  }

  async #process(fetched: RecordBatch): Promise<void> {
    const { metrics, sideOutputs, applicationId, partition } = this.#options;
    const records: StreamRecord<Buffer | null>[] = [];
    const progress: SourceProgress[] = [];
    for (const r of fetched.records) {
      // Control records announce an upstream task's progress; they are not events.
      if (r.headers[SOURCE_HEADERS.control]?.toString() === 'watermark') {
        progress.push({
          source: r.headers[SOURCE_HEADERS.source]?.toString() ?? '',
          eventTime: Number(r.headers[SOURCE_HEADERS.eventTime]?.toString()),
          offset: BigInt(r.offset),
        });
        continue;
      }
      records.push({
        key: r.key === null ? null : r.key.toString(),
        value: r.value,
        timestamp: r.timestamp,
        headers: r.headers,
        origin: { topic: r.topic, partition: r.partition, offset: r.offset },
        raw: { key: r.key, value: r.value },
      });
    }
    const input: Batch<Buffer | null> = { topic: fetched.topic, partition: fetched.partition, records, ...emptyOutcomes(), progress };
    const sub = { sub_topology: this.#labels.sub_topology };
    metrics.batchRecords.observe(sub, fetched.records.length);
    const chainTimer = metrics.batchSeconds.startTimer({ ...sub, phase: 'chain' });
    const output = await firstValueFrom(of(input).pipe(this.#chain));
    chainTimer();
    const checkpoint = async (producer: KafkaProducer) => {
      this.#writer = producer;
      await this.#sink.write(output);
      await writeSideOutputs(producer, output, sideOutputs);
      for (const [name, store] of this.#stores) await flushStore(producer, changelogTopic(applicationId, name), partition, store);
    };
    const last = fetched.records.at(-1);
    const { transactions } = this.#options;
    const checkpointTimer = metrics.batchSeconds.startTimer({ ...sub, phase: 'checkpoint' });
    if (transactions !== undefined && last !== undefined) {
      await transactions.transaction(checkpoint, { topic: fetched.topic, partition, offset: String(BigInt(last.offset) + 1n) });
    } else {
      await checkpoint(this.#options.producer);
    }
    checkpointTimer();
    for (const [name, store] of this.#stores) metrics.stateSize.set({ store: name, partition: String(partition) }, store.size);
    this.#count(input.records.length, output);
    if (output.watermark !== undefined && Number.isFinite(output.watermark)) metrics.watermark.set(this.#labels, output.watermark);
    if (fetched.highWatermark !== undefined && last !== undefined) {
      metrics.lag.set(this.#labels, Math.max(0, Number(BigInt(fetched.highWatermark) - BigInt(last.offset) - 1n)));
    }
  }

  /** Releases the task's transactional producer, if it has one. */
  async close(): Promise<void> {
    await this.#options.transactions?.disconnect();
  }

  #count(fetched: number, output: Batch<unknown>): void {
    const m = this.#options.metrics;
    const { deadLetters, late, filtered } = output;
    m.recordsIn.inc(this.#labels, fetched);
    m.recordsOut.inc(this.#labels, output.records.length);
    m.outcomes.inc({ ...this.#labels, outcome: 'dead_lettered' }, deadLetters.length);
    m.outcomes.inc({ ...this.#labels, outcome: 'late' }, late.length);
    m.outcomes.inc({ ...this.#labels, outcome: 'filtered' }, filtered);
    m.outcomes.inc({ ...this.#labels, outcome: 'output' }, fetched - deadLetters.length - late.length - filtered);
  }
}
