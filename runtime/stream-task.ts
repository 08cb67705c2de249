import { performance } from 'node:perf_hooks';
import { firstValueFrom, of, type OperatorFunction } from 'rxjs';
import { InvalidNameError } from '../errors/index.ts';
import type { KafkaDriver, KafkaProducer, RecordBatch, TransactionalProducer } from '../infra/kafka/kafka-driver.ts';
import { withoutHeld, type Sink, type SinkFactory } from '../sinks/sink.ts';
import { emptyOutcomes, type Batch, type SourceProgress } from '../streams/batch.ts';
import { readProgressAnnouncement } from '../streams/progress-announcement.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import { changelogTopic, flushStore, restoreStore } from './changelog.ts';
import { KeyValueStore } from './key-value-store.ts';
import { measureStep } from './metrics/measure-step.ts';
import type { RuntimeMetrics } from './metrics/runtime-metrics.ts';
import { storesOf, type SubTopology } from './sub-topology.ts';
import type { TaskContext } from './task-context.ts';
import { holdsFrom } from './sink-positions.ts';

export interface StreamTaskOptions {
  readonly applicationId: string;
  readonly subTopology: SubTopology;
  readonly partition: number;
  readonly driver: KafkaDriver;
  readonly producer: KafkaProducer;
  /**
   * With one, the writes of the batches since the last checkpoint and their consumer offsets commit
   * in one Kafka transaction (exactly-once between topics); without, every batch is checkpointed
   * and the driver commits after the writes (at-least-once, made effectively-once by idempotent
   * sinks and stores).
   */
  readonly transactions?: TransactionalProducer;
  /**
   * With transactions, the group's committed offset of the partition, read once the producer has
   * fenced the previous owner (`KafkaConsumer.committed`): input below it is that owner's, done.
   */
  readonly committed?: () => Promise<string | undefined>;
  /**
   * Under exactly-once, the time from one checkpoint to the next at least, unless a sink asks
   * sooner or the input is caught up (Kafka Streams' commit.interval.ms); 0 checkpoints every batch.
   */
  readonly commitIntervalMs: number;
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
 * all of it is one transaction, spanning every batch processed since the last checkpoint. It is
 * taken within the handling of a batch (the driver owns the partition then, so the commit cannot
 * race a rebalance) once the commit interval has elapsed, a sink asks, the batch reaches the
 * partition's end, or the member is stopping (finish); and by a timer when no batch came for an
 * interval, for a driver that cannot tell the end was reached. Work not checkpointed when the task is
 * dropped (revoked, failed) is fetched again from the committed offsets, by this member or the next.
 * Without transactions every batch is checkpointed and a crash anywhere replays it; sinks are
 * idempotent and stateful steps skip what their stores already hold, so the replay changes nothing.
 * A sink that keeps its own position (open) is never given a record below it, and under exactly-once
 * no record below the offset the partition's fenced previous owner committed, or below the task's
 * own last checkpoint, is processed again.
 */
export class StreamTask {
  readonly #options: StreamTaskOptions;
  readonly #stores = new Map<string, KeyValueStore<unknown>>();
  readonly #chain: OperatorFunction<Batch<Buffer | null>, Batch<unknown>>;
  readonly #sinks: readonly Sink<unknown>[];
  // Per sink, the first input offset it does not hold yet (from open), or undefined.
  #positions: readonly (bigint | undefined)[] = [];
  // The next offset of the last checkpoint (at first, the commit the fenced previous owner left):
  // input below it is done, yet a consumer may hand it over again (kafkajs reads where a partition
  // starts without KIP-447's require_stable, and after a rejoin from a commit this task's
  // checkpoint had not landed in yet).
  #checkpointed: bigint | undefined;
  readonly #labels: { sub_topology: string; partition: string };
  // The input processed since the last checkpoint: its first offset and the next offset to commit.
  #open: { from: string; next: string | undefined } | undefined;
  #lastCheckpoint = performance.now();
  // Stopping: every batch is checkpointed at once.
  #finishing = false;
  // Closed (revoked, dropped after a failure, stopped): work still waiting for its turn does nothing.
  #closed = false;
  // The last batch reached its partition's end as fetched (or the driver cannot tell).
  #caughtUp = false;
  // process, finish and the quiet timer take turns, so calls to a sink never overlap.
  #turn: Promise<unknown> = Promise.resolve();
  #quiet: NodeJS.Timeout | undefined;
  // A checkpoint of the quiet timer failed: the next batch fails with it, so the runner fetches the open work again.
  #quietFailure: Error | undefined;

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
      const committed = options.transactions === undefined ? undefined : await options.committed?.();
      task.#checkpointed = committed === undefined ? undefined : BigInt(committed);
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
  process(fetched: RecordBatch): Promise<BatchOutcome> {
    clearTimeout(this.#quiet);
    return this.#inTurn(async () => {
      if (this.#quietFailure !== undefined) throw this.#quietFailure;
      const first = fetched.records[0];
      // The driver tells of the partition's end after its last records: what they left open commits now.
      if (first === undefined) {
        if (fetched.caughtUp !== true) return {};
        this.#caughtUp = true;
        if (this.#sinks.some((sink) => sink.flushRequest?.() === 'hold')) this.#armQuietTimer();
        else await this.#checkpoint();
        return {};
      }
      // Checkpointed already, by this task or the previous owner's last transaction: its outputs and state changes are in.
      if (this.#checkpointed !== undefined && this.#checkpointed > BigInt(first.offset)) return { seekTo: this.#checkpointed.toString() };
      const held = holdsFrom(this.#positions, this.#stores.size > 0);
      if (held !== undefined && held > BigInt(first.offset)) return { seekTo: held.toString() };
      const { metrics } = this.#options;
      metrics.inFlight.set(this.#labels, fetched.records.length);
      try {
        this.#open ??= { from: first.offset, next: undefined };
        this.#caughtUp = fetched.caughtUp ?? true;
        await this.#process(fetched);
        if (this.#checkpointDue(fetched)) await this.#checkpoint();
        else this.#armQuietTimer();
      } finally {
        metrics.inFlight.set(this.#labels, 0);
      }
      return {};
    }, {});
  }

  /** The first input offset processed but not checkpointed: where to fetch again if this task's work is lost. */
  get uncheckpointedFrom(): string | undefined {
    return this.#open?.from;
  }

  /**
   * Whether `fetched` starts below what the task already processed and has not checkpointed, as
   * kafkajs fetches a partition it keeps through a rebalance again from its committed offset: the
   * task's stores and sinks hold those records already, so a fresh task must take the batch.
   */
  rewoundBy(fetched: RecordBatch): boolean {
    const first = fetched.records[0];
    const next = this.#open?.next;
    return first !== undefined && next !== undefined && BigInt(first.offset) < BigInt(next);
  }

  /** The member is stopping: checkpoints what was processed, and every batch still handled. */
  finish(): Promise<void> {
    this.#finishing = true;
    return this.#inTurn(() => this.#checkpoint(), undefined);
  }

  async #process(fetched: RecordBatch): Promise<void> {
    const { metrics } = this.#options;
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
    const sinkTimer = metrics.batchSeconds.startTimer({ ...sub, phase: 'sink' });
    for (const [i, sink] of this.#sinks.entries()) await sink.add(withoutHeld(output, this.#positions[i]));
    sinkTimer();
    if (this.#open !== undefined && last !== undefined) this.#open.next = String(BigInt(last.offset) + 1n);
    this.#count(input.records.length, output);
    if (output.watermark !== undefined && Number.isFinite(output.watermark)) metrics.watermark.set(this.#labels, output.watermark);
    if (fetched.highWatermark !== undefined && last !== undefined) {
      metrics.lag.set(this.#labels, Math.max(0, Number(BigInt(fetched.highWatermark) - BigInt(last.offset) - 1n)));
    }
  }

  /**
   * Due after this batch: always without transactions or when stopping; else when a sink asks
   * now, the batch reaches the partition's end (so a bounded input or a quiet partition commits at
   * once), or the interval has elapsed and no sink holds it back.
   */
  #checkpointDue(fetched: RecordBatch): boolean {
    if (this.#options.transactions === undefined || this.#finishing) return true;
    const requests = this.#sinks.map((sink) => sink.flushRequest?.());
    if (requests.includes('now')) return true;
    // A sink gathering rows into fewer, larger writes holds back even a caught-up input: under a
    // trickle every batch was at the end when fetched, and a checkpoint each (an INSERT each, half
    // a second on a loaded ClickHouse) fell ever further behind. The quiet timer commits once the
    // input pauses or ends.
    if (requests.includes('hold')) return false;
    // A driver that cannot tell whether the input is caught up gets a checkpoint every batch.
    return (fetched.caughtUp ?? true) || performance.now() - this.#lastCheckpoint >= this.#options.commitIntervalMs;
  }

  /** Flushes every sink and store change and commits the offsets of everything processed since the last checkpoint. */
  async #checkpoint(): Promise<void> {
    const next = this.#open?.next;
    if (next === undefined) return;
    const { metrics, applicationId, partition, subTopology, transactions } = this.#options;
    const checkpoint = async (producer: KafkaProducer) => {
      for (const sink of this.#sinks) await sink.flush({ producer, next });
      for (const [name, store] of this.#stores) await flushStore(producer, changelogTopic(applicationId, name), partition, store);
    };
    const timer = metrics.batchSeconds.startTimer({ sub_topology: subTopology.name, phase: 'checkpoint' });
    if (transactions !== undefined) {
      await transactions.transaction(checkpoint, { topic: subTopology.source, partition, offset: next });
    } else {
      await checkpoint(this.#options.producer);
    }
    timer();
    this.#checkpointed = BigInt(next);
    this.#open = undefined;
    this.#lastCheckpoint = performance.now();
    for (const [name, store] of this.#stores) metrics.stateSize.set({ store: name, partition: String(partition) }, store.size);
  }

  /**
   * A driver may not know it handed over a partition's last records (kafkajs never hands over a
   * fetch of transaction markers alone): when no batch comes for the commit interval, the task
   * checkpoints by itself, unless a sink holds it back (then it looks again an interval later).
   */
  #armQuietTimer(): void {
    const { transactions, commitIntervalMs } = this.#options;
    if (transactions === undefined || this.#open?.next === undefined) return;
    // Caught up, a commit interval without a batch means the input paused or ended: what a sink
    // would still gather commits then. Otherwise the interval counts from the last checkpoint and
    // a holding sink is waited for.
    const caughtUp = this.#caughtUp;
    const delay = caughtUp ? commitIntervalMs : commitIntervalMs - (performance.now() - this.#lastCheckpoint);
    this.#quiet = setTimeout(() => {
      void this.#inTurn(async () => {
        if (!caughtUp && this.#sinks.some((sink) => sink.flushRequest?.() === 'hold')) this.#armQuietTimer();
        else await this.#checkpoint();
      }, undefined).catch((error: unknown) => { this.#quietFailure = error instanceof Error ? error : new Error(String(error)); });
    }, Math.max(1, delay));
    this.#quiet.unref();
  }

  /**
   * Runs `work` after the work before it; once the task is closed, answers `closed` instead: what
   * it would have done is not checkpointed, so the partition's next task reads it again.
   */
  #inTurn<T>(work: () => Promise<T>, closed: T): Promise<T> {
    const run = this.#turn.then(() => (this.#closed ? closed : work()));
    this.#turn = run.catch(() => undefined);
    return run;
  }

  /** Closes the task's sinks and releases its transactional producer, if it has one. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#quiet);
    // A revoked task is closed while its lane may still be in a batch: that work ends first, as a
    // transaction begun on a disconnected kafkajs producer connects it again, and nothing would
    // ever disconnect it (the member could not exit).
    await this.#turn;
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
