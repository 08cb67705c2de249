import type { KafkaDriver, KafkaProducer, TopicSpec } from '../../infra/kafka/kafka-driver.ts';

/** The compacted topic where pollers keep their cursors, one key per poller. */
export const POLLER_CURSOR_TOPIC = 'shelfstream.poller-cursor';

export function cursorTopicSpec(topic: string = POLLER_CURSOR_TOPIC): TopicSpec {
  return { topic, partitions: 1, config: { 'cleanup.policy': 'compact' } };
}

/** Where a poller got to: the API's cursor after the last page it wrote to Kafka. */
export interface PollerCursor {
  readonly cursor: string;
  readonly savedAt: number;
}

/** Keeps one poller's cursor; the poller saves after each page's records are acknowledged. */
export interface CursorStore {
  load(): Promise<PollerCursor | undefined>;
  save(cursor: string): Promise<void>;
}

/**
 * A poller's cursor in a compacted Kafka topic, so a restarted poller (on any machine) resumes
 * after the last page it wrote. Values are JSON: the poller's private state, like the runtime's
 * changelogs; the events themselves are Avro. A tombstone for the key resets the poller.
 */
export class KafkaCursorStore implements CursorStore {
  readonly #driver: KafkaDriver;
  readonly #producer: KafkaProducer;
  readonly topic: string;
  readonly key: string;

  constructor(driver: KafkaDriver, producer: KafkaProducer, key: string, topic: string = POLLER_CURSOR_TOPIC) {
    this.#driver = driver;
    this.#producer = producer;
    this.key = key;
    this.topic = topic;
  }

  /** The latest cursor of this poller, read from the start of the topic; undefined when it never saved one. */
  async load(): Promise<PollerCursor | undefined> {
    let latest: PollerCursor | undefined;
    await this.#driver.readPartition(this.topic, 0, (records) => {
      for (const r of records) {
        if (r.key?.toString() !== this.key) continue;
        latest = r.value === null ? undefined : (JSON.parse(r.value.toString()) as PollerCursor);
      }
    });
    return latest;
  }

  /** Writes the cursor and waits until the broker has it. */
  async save(cursor: string): Promise<void> {
    const value: PollerCursor = { cursor, savedAt: Date.now() };
    await this.#producer.send(this.topic, [{ key: Buffer.from(this.key), value: Buffer.from(JSON.stringify(value)), partition: 0 }]);
  }
}
