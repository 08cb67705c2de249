import type { KafkaConsumer, KafkaDriver, KafkaProducer, RecordBatch, TopicPartition } from '../infra/kafka/kafka-driver.ts';
import { RuntimeMetrics } from './metrics/runtime-metrics.ts';
import { StreamTask } from './stream-task.ts';
import type { Topology } from './topology.ts';

export interface TopologyRunnerOptions {
  readonly topology: Topology;
  readonly driver: KafkaDriver;
  readonly metrics?: RuntimeMetrics;
  readonly now?: () => number;
  /** Called when the consumer stops on an error it cannot recover from. */
  readonly onFatal?: (error: unknown) => void;
  /**
   * exactly-once (the default): each batch's outputs, changelog writes and offsets commit in one
   * Kafka transaction per task. at-least-once: offsets commit after the writes, and idempotent sinks
   * and stores make replays harmless; for sinks outside Kafka, this is what they rely on anyway.
   */
  readonly processingGuarantee?: ProcessingGuarantee;
  /**
   * Under exactly-once, how long a task's transaction gathers batches before it commits
   * (SHELFSTREAM_COMMIT_INTERVAL_MS); sooner when a sink asks or the input is caught up.
   */
  readonly commitIntervalMs?: number;
}

// The setting's default: Kafka Streams' commit.interval.ms under exactly-once.
const DEFAULT_COMMIT_INTERVAL_MS = 100;

export type ProcessingGuarantee = 'exactly-once' | 'at-least-once';

/**
 * Runs a topology as one member of its consumer group (the application id). Scaling out is
 * starting more members: Kafka splits the partitions, and each task's state follows its partition
 * through the changelog topics. Tasks start on a partition's first batch and end when it is revoked.
 */
export class TopologyRunner {
  readonly metrics: RuntimeMetrics;
  readonly #options: TopologyRunnerOptions;
  readonly #tasks = new Map<string, Promise<StreamTask>>();
  #producer: KafkaProducer | undefined;
  #consumer: KafkaConsumer | undefined;

  constructor(options: TopologyRunnerOptions) {
    this.#options = options;
    this.metrics = options.metrics ?? new RuntimeMetrics();
  }

  /** Creates the topology's topics, joins the group and starts processing; resolves once running. */
  async start(): Promise<void> {
    const { topology, driver } = this.#options;
    const admin = await driver.admin();
    try {
      await admin.createTopics(topology.topicsToCreate());
    } finally {
      await admin.close();
    }
    // A join must never see a half-loaded table: every table catches up before the first batch.
    await Promise.all(topology.tables.map((t) => t.start()));
    this.#producer = driver.producer();
    await this.#producer.connect();
    this.#consumer = driver.consumer({
      groupId: topology.applicationId,
      topics: topology.subTopologies.map((s) => s.source),
      onRevoked: (partitions) => { this.#forget(partitions); },
      commitOffsets: this.#exactlyOnce ? 'transaction' : 'consumer',
    });
    await this.#consumer.run((batch) => this.#handle(batch), this.#options.onFatal);
  }

  /**
   * Graceful stop: every task checkpoints what it processed while the member still owns its
   * partitions, then no new fetches, the batch in hand finishes and is committed, then the member leaves.
   */
  async stop(): Promise<void> {
    // A checkpoint that fails here leaves its work to be fetched again by the next run.
    await Promise.all([...this.#tasks.values()].map((t) => t.then((task) => task.finish()).catch(() => undefined)));
    await this.#consumer?.disconnect();
    await Promise.all([...this.#tasks.values()].map((t) => t.then((task) => task.close(), () => undefined)));
    await this.#producer?.disconnect();
    await Promise.all(this.#options.topology.tables.map((t) => t.stop()));
    this.#tasks.clear();
  }

  async #handle(batch: RecordBatch): Promise<void> {
    this.metrics.paused.set(this.#consumer?.paused().length ?? 0);
    const id = taskId(batch.topic, batch.partition);
    let task = await this.#task(batch.topic, batch.partition);
    if (task.rewoundBy(batch)) {
      this.#drop(id);
      task = await this.#task(batch.topic, batch.partition);
    }
    try {
      const { seekTo } = await task.process(batch);
      if (seekTo !== undefined) this.#consumer?.seek({ topic: batch.topic, partition: batch.partition }, seekTo);
    } catch (error) {
      this.metrics.batchErrors.inc({ sub_topology: this.#subTopologyOf(batch.topic).name, partition: String(batch.partition) });
      // The task's in-memory state may hold part of the failed batch: rebuild it from the changelog.
      const from = task.uncheckpointedFrom;
      this.#drop(id);
      // The batches before the failed one since the last checkpoint are lost with the task: fetch them again too.
      if (from !== undefined) this.#consumer?.seek({ topic: batch.topic, partition: batch.partition }, from);
      throw error;
    }
  }

  #task(topic: string, partition: number): Promise<StreamTask> {
    const id = taskId(topic, partition);
    let task = this.#tasks.get(id);
    if (task === undefined) {
      const { topology, driver } = this.#options;
      const producer = this.#producer;
      const consumer = this.#consumer;
      if (producer === undefined || consumer === undefined) throw new Error('runner not started');
      task = StreamTask.start({
        // One transactional id per task: the partition's next owner fences this one.
        ...(this.#exactlyOnce
          ? { transactions: consumer.transactionalProducer(`${topology.applicationId}.${topic}.${partition}`), committed: () => consumer.committed({ topic, partition }) }
          : {}),
        applicationId: topology.applicationId,
        subTopology: this.#subTopologyOf(topic),
        partition,
        driver,
        producer,
        metrics: this.metrics,
        sideOutputs: topology.sideOutputSink,
        now: this.#options.now ?? Date.now,
        commitIntervalMs: this.#options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
      });
      this.#tasks.set(id, task);
      task.catch(() => this.#tasks.delete(id));
    }
    return task;
  }

  #subTopologyOf(topic: string) {
    const sub = this.#options.topology.subTopologies.find((s) => s.source === topic);
    if (sub === undefined) throw new Error(`no sub-topology reads ${topic}`);
    return sub;
  }

  #forget(partitions: readonly TopicPartition[]): void {
    for (const p of partitions) this.#drop(taskId(p.topic, p.partition));
  }

  #drop(id: string): void {
    const task = this.#tasks.get(id);
    this.#tasks.delete(id);
    void task?.then((t) => t.close()).catch(() => undefined);
  }

  get #exactlyOnce(): boolean {
    return (this.#options.processingGuarantee ?? 'exactly-once') === 'exactly-once';
  }
}

const taskId = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
