import { createHash } from 'node:crypto';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { SourceProgressStore } from '../source-progress-store.ts';

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
  /** The end of the input was announced to every partition (see ReplayCsvOptions.endOfInput). */
  readonly endAnnounced?: boolean;
  readonly updatedAt: number;
}

/** The file as replayed: a changed file (other size or modification time) is a new replay. */
export interface FileIdentity {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}


/** The progress key of a file replayed into a topic: a hash of the absolute path, size, mtime and topic. */
export function replayProgressKey(file: FileIdentity, topic: string): string {
  return createHash('sha256').update(JSON.stringify([file.path, file.size, Math.trunc(file.mtimeMs), topic])).digest('hex');
}

/** Where replays record how far they got, one checkpoint per file and topic. */
export class ReplayProgressStore extends SourceProgressStore<ReplayCheckpoint> {
  constructor(driver: KafkaDriver, topic = REPLAY_PROGRESS_TOPIC) {
    super(driver, topic);
  }
}
