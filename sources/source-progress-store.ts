import type { KafkaDriver, KafkaProducer, TopicSpec } from '../infra/kafka/kafka-driver.ts';

/** The compacted one-partition topic a source keeps its progress in. */
export function progressTopicSpec(topic: string): TopicSpec {
  return { topic, partitions: 1, config: { 'cleanup.policy': 'compact' } };
}

/**
 * A source's progress kept in Kafka, so a restarted source resumes without a file of its own on
 * the machine. Values are JSON: private state read by nobody else, like the runtime's changelogs;
 * the events themselves are Avro.
 */
export class SourceProgressStore<T> {
  readonly #driver: KafkaDriver;
  readonly topic: string;

  constructor(driver: KafkaDriver, topic: string) {
    this.#driver = driver;
    this.topic = topic;
  }

  /** The latest progress of `key`, read from the start of the (compacted) topic; undefined when none. */
  async load(key: string): Promise<T | undefined> {
    let latest: T | undefined;
    await this.#driver.readPartition(this.topic, 0, (records) => {
      for (const r of records) {
        if (r.key?.toString() !== key) continue;
        latest = r.value === null ? undefined : (JSON.parse(r.value.toString()) as T);
      }
    });
    return latest;
  }

  /** The latest progress of every key, read once from the start of the topic: for a source that checks many keys. */
  async loadAll(): Promise<Map<string, T>> {
    const latest = new Map<string, T>();
    await this.#driver.readPartition(this.topic, 0, (records) => {
      for (const r of records) {
        const key = r.key?.toString();
        if (key === undefined) continue;
        if (r.value === null) latest.delete(key);
        else latest.set(key, JSON.parse(r.value.toString()) as T);
      }
    });
    return latest;
  }

  /** Writes progress and waits until the broker has it. */
  async save(producer: KafkaProducer, key: string, progress: T): Promise<void> {
    await producer.send(this.topic, [{ key: Buffer.from(key), value: Buffer.from(JSON.stringify(progress)), partition: 0 }]);
  }
}
