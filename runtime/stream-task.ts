import { firstValueFrom, of, type OperatorFunction } from 'rxjs';
import { InvalidNameError } from '../errors/index.ts';
import type { KafkaDriver, KafkaProducer, RecordBatch, TransactionalProducer } from '../infra/kafka/kafka-driver.ts';
import type { Sink, SinkFactory } from '../sinks/sink.ts';
import { emptyOutcomes, type Batch, type SourceProgress } from '../streams/batch.ts';
import { readProgressAnnouncement } from '../streams/progress-announcement.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { changelogTopic, flushStore, restoreStore } from './changelog.ts';
import { KeyValueStore } from './key-value-store.ts';
import { measureStep } from './metrics/measure-step.ts';
import type { RuntimeMetrics } from './metrics/runtime-metrics.ts';
import { storesOf, type SubTopology } from './sub-topology.ts';
import type { TaskContext } from './task-context.ts';
import { holdsFrom, withoutHeld } from './sink-positions.ts';

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
  /** Where every batch's dead letters and late records go, beside the sub-topology's own sink. */
  readonly sideOutputs: SinkFactory<unknown>;
  readonly now: () => number;
}

/** What the runner does after a batch: nothing, or move the partition's position past what every sink holds. */
export type BatchOutcome = { readonly seekTo?: string };

/**
 * One partition of one sub-topology. Each processed batch is added to the task's sinks (its own,
 * then the side outputs); at the checkpoint the sinks flush in that order, then store changes go
 * to their changelogs, then the offsets commit; with a transactional producer the Kafka part of
 * all of it is one transaction. Without one, a crash anywhere replays the batch; sinks are
 * idempotent and stateful steps skip what their stores already hold, so the replay changes nothing.
 * A sink that keeps its own position (open) is never given a record below it.
 */
export class StreamTask {
  readonly #options: StreamTaskOptions;
  readonly #stores = new Map<string, KeyValueStore<unknown>>();
  readonly #chain: OperatorFunction<Batch<Buffer | null>, Batch<unknown>>;
  readonly #sinks: readonly Sink<unknown>[];
  // Per sink, the first input offset it does not hold yet (from open), or undefined.
  #positions: readonly (bigint | undefined)[] = [];
  readonly #labels: { sub_topology: string; partition: string };

  private constructor(options: StreamTaskOptions) {
    this.#options = options;
    const { subTopology, partition } = options;
    for (const name of storesOf(subTopology)) this.#stores.set(name, new KeyValueStore(name));
    const context: TaskContext = {
      applicationId: options.applicationId,
      topic: subTopology.source,
      partition,
      now: options.now,
      measure: (step, operator) => {
        if (!subTopology.steps.some((s) => s.name === step)) throw new InvalidNameError('step', step, `is not a step of sub-topology ${subTopology.name}`);
        return measureStep(options.metrics, { sub_topology: subTopology.name, step, partition: String(partition) }, operator);
      },
      store: <V>(name: string) => {
        const store = this.#stores.get(name);
        if (store === undefined) throw new InvalidNameError('store', name, `is not a stateful step of sub-topology ${subTopology.name}`);
        return store as KeyValueStore<V>;
      },
    };
    this.#chain = subTopology.chain(context);
    const sinkContext = { applicationId: options.applicationId, input: { topic: subTopology.source, partition } };
    this.#sinks = [subTopology.sink(sinkContext), options.sideOutputs(sinkContext)];
    this.#labels = { sub_topology: subTopology.name, partition: String(partition) };
  }

  /** A task whose stores are restored from their changelogs and ready for its first batch. */
  static async start(options: StreamTaskOptions): Promise<StreamTask> {
    // First fence any zombie of this task and abort its open transaction, so restore can read to the end.
    await options.transactions?.connect();
    const task = new StreamTask(options);
    try {
      for (const [name, store] of task.#stores) {
        await restoreStore(options.driver, changelogTopic(options.applicationId, name), options.partition, store);
      }
      task.#positions = await Promise.all(task.#sinks.map(async (sink) => {
        const next = await sink.open();
        return next === undefined ? undefined : BigInt(next);
      }));
    } catch (error) {
      // A sink's service may be down: the batch is fetched again later, by a new task; release this one's producer now.
      await task.close();
      throw error;
    }
    return task;
  }

  /**
   * Processes and checkpoints one fetched batch. When every sink already holds the batch's first
   * record (and no store would miss what is skipped), nothing is processed and the runner is told
   * where to seek instead.
   */
  async process(fetched: RecordBatch): Promise<BatchOutcome> {
    const first = fetched.records[0];
    const held = holdsFrom(this.#positions, this.#stores.size > 0);
    if (first !== undefined && held !== undefined && held > BigInt(first.offset)) return { seekTo: held.toString() };
    const { metrics } = this.#options;
    metrics.inFlight.set(this.#labels, fetched.records.length);
    try {
      await this.#process(fetched);
    } finally {
      metrics.inFlight.set(this.#labels, 0);
    }
    return {};
  }

  async #process(fetched: RecordBatch): Promise<void> {
    const { metrics, applicationId, partition } = this.#options;
    const records: StreamRecord<Buffer | null>[] = [];
    const progress: SourceProgress[] = [];
    for (const r of fetched.records) {
      // Control records announce an upstream task's progress; they are not events.
      const announced = readProgressAnnouncement(r);
      if (announced !== undefined) {
        progress.push(announced);
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
    const last = fetched.records.at(-1);
    const next = last === undefined ? '0' : String(BigInt(last.offset) + 1n);
    const sinkTimer = metrics.batchSeconds.startTimer({ ...sub, phase: 'sink' });
    for (const [i, sink] of this.#sinks.entries()) await sink.add(withoutHeld(output, this.#positions[i]));
    sinkTimer();
    const checkpoint = async (producer: KafkaProducer) => {
      for (const sink of this.#sinks) await sink.flush({ producer, next });
      for (const [name, store] of this.#stores) await flushStore(producer, changelogTopic(applicationId, name), partition, store);
    };
    const { transactions } = this.#options;
    const checkpointTimer = metrics.batchSeconds.startTimer({ ...sub, phase: 'checkpoint' });
    if (transactions !== undefined && last !== undefined) {
      await transactions.transaction(checkpoint, { topic: fetched.topic, partition, offset: next });
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

  /** Closes the task's sinks and releases its transactional producer, if it has one. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#sinks.map((s) => s.close()));
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
