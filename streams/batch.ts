import type { RecordOrigin, StreamRecord } from './stream-record.ts';

/** A record that could not be processed: its original bytes, why, and which step refused it. */
export interface DeadLetter {
  readonly origin: RecordOrigin;
  readonly raw: StreamRecord<unknown>['raw'];
  readonly headers: StreamRecord<unknown>['headers'];
  readonly timestamp: number;
  readonly step: string;
  readonly code: string;
  readonly message: string;
  /** The field or column at fault, when the error names one. */
  readonly field?: string;
}

/** A record that arrived after every window it belongs to had closed (past the grace period). */
export interface LateRecord {
  readonly record: StreamRecord<unknown>;
  readonly step: string;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly watermark: number;
}

/** An upstream task's event-time progress, broadcast through a repartition topic to every partition. */
export interface SourceProgress {
  /** The upstream source partition, as `topic/partition`. */
  readonly source: string;
  readonly eventTime: number;
  /** Offset of the announcement in this batch's partition: it applies after the records before it. */
  readonly offset: bigint;
}

/**
 * The unit operators work on: the records of one fetched batch of one partition, plus the side
 * outcomes so far. Every operator maps one batch to exactly one batch, so the end of the chain
 * knows when the whole fetched batch is done and its offsets may be committed. Each input record
 * ends in exactly one outcome: output (including absorbed into state), filtered, dead-lettered or late.
 */
export interface Batch<V> {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly StreamRecord<V>[];
  readonly deadLetters: readonly DeadLetter[];
  readonly late: readonly LateRecord[];
  readonly filtered: number;
  /** Progress announcements that arrived with this batch (control records, not events). */
  readonly progress: readonly SourceProgress[];
  /** The event-time watermark after this batch, set by a windowed step. */
  readonly watermark?: number;
}

export function emptyOutcomes(): Pick<Batch<never>, 'deadLetters' | 'late' | 'filtered' | 'progress'> {
  return { deadLetters: [], late: [], filtered: 0, progress: [] };
}

/** The dead letter of `record` refused by `step` with `error` (its code when it has one). */
export function deadLetterOf(record: StreamRecord<unknown>, step: string, error: unknown): DeadLetter {
  const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'PROCESSING_FAILED';
  const message = error instanceof Error ? error.message : String(error);
  const field = (error as { field?: unknown }).field;
  return {
    origin: record.origin,
    raw: record.raw,
    headers: record.headers,
    timestamp: record.timestamp,
    step,
    code,
    message,
    ...(typeof field === 'string' ? { field } : {}),
  };
}
