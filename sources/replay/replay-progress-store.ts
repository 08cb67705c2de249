import { createHash } from 'node:crypto';
import type { KafkaDriver, KafkaProducer, TopicSpec } from '../../infra/kafka/kafka-driver.ts';

/** The compacted topic where every replay records how far it got. */
export const REPLAY_PROGRESS_TOPIC = 'shelfstream.replay-progress';

/** One file's replay into one topic, as far as it got: the latest value per key is all that matters. */
export interface ReplayCheckpoint {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly topic: string;
  /** Start line of the last row produced or dead-lettered; rows starting at or before it are done. */
  readonly line: number;
  /** Rows handled over every run so far, and what became of them. */
  readonly rows: number;
  readonly produced: number;
  readonly deadLettered: number;
  /** The whole file was read: a replay of the same file into the same topic has nothing left to do. */
  readonly done: boolean;
  readonly updatedAt: number;
}

/** The file as replayed: a changed file (other size or modification time) is a new replay. */
export interface FileIdentity {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export function progressTopicSpec(topic: string): TopicSpec {
  return { topic, partitions: 1, config: { 'cleanup.policy': 'compact' } };
}

/** The progress key of a file replayed into a topic: a hash of the absolute path, size, mtime and topic. */
export function replayProgressKey(file: FileIdentity, topic: string): string {
  return createHash('sha256').update(JSON.stringify([file.path, file.size, Math.trunc(file.mtimeMs), topic])).digest('hex');
}

/**
 * Replay progress kept in Kafka, so a restarted replay resumes without a file of its own on the
 * machine. Values are JSON: this is the replay's private state, read by nobody else, like the
 * runtime's changelogs; the events themselves are Avro.
 */
export class ReplayProgressStore {
  readonly #driver: KafkaDriver;
  readonly topic: string;

  constructor(driver: KafkaDriver, topic = REPLAY_PROGRESS_TOPIC) {
    this.#driver = driver;
    this.topic = topic;
  }

  /** The latest checkpoint of `key`, read from the start of the (compacted) topic; undefined when none. */
  async load(key: string): Promise<ReplayCheckpoint | undefined> {
    let latest: ReplayCheckpoint | undefined;
    await this.#driver.readPartition(this.topic, 0, (records) => {
      for (const r of records) {
        if (r.key?.toString() !== key) continue;
        latest = r.value === null ? undefined : (JSON.parse(r.value.toString()) as ReplayCheckpoint);
      }
    });
    return latest;
  }

  /** Writes a checkpoint and waits until the broker has it. */
  async save(producer: KafkaProducer, key: string, checkpoint: ReplayCheckpoint): Promise<void> {
    await producer.send(this.topic, [{ key: Buffer.from(key), value: Buffer.from(JSON.stringify(checkpoint)), partition: 0 }]);
  }
}
