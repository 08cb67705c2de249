import { createHash } from 'node:crypto';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { SourceProgressStore } from '../source-progress-store.ts';

/** The compacted topic where every replay records how far it got. */
export const REPLAY_PROGRESS_TOPIC = 'shelfstream.replay-progress';

/** One input's replay into one topic, as far as it got: the latest value per key is all that matters. */
export interface ReplayCheckpoint {
  readonly files: readonly FileIdentity[];
  readonly topic: string;
  /** Rows of the input, in the order it is replayed (event time), produced or dead-lettered so far. */
  readonly position: number;
  /** What became of them over every run so far. */
  readonly produced: number;
  readonly deadLettered: number;
  /** The whole input was read: a replay of the same files into the same topic has nothing left to do. */
  readonly done: boolean;
  /** The end of the input was announced to every partition (see ReplayCsvOptions.endOfInput). */
  readonly endAnnounced?: boolean;
  readonly updatedAt: number;
}

/** A file as replayed: a changed file (other size or modification time) makes a new input. */
export interface FileIdentity {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The progress key of files replayed together into a topic: a hash of each file's absolute path,
 * size and mtime, and the topic. The files' order counts only as ties of event time are broken by it.
 */
export function replayProgressKey(files: readonly FileIdentity[], topic: string): string {
  return createHash('sha256').update(JSON.stringify([files.map((f) => [f.file, f.size, Math.trunc(f.mtimeMs)]), topic])).digest('hex');
}

/** Where replays record how far they got, one checkpoint per file and topic. */
export class ReplayProgressStore extends SourceProgressStore<ReplayCheckpoint> {
  constructor(driver: KafkaDriver, topic = REPLAY_PROGRESS_TOPIC) {
    super(driver, topic);
  }
}
