// Generated from schemas/avro/dead-letter-record.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** An input that a stage could not process, kept byte for byte with the reason so it can be inspected and replayed. Key: the original key bytes, unchanged, so the failures of one entity stay in order. */
export interface DeadLetterRecord {
  /** Stable code of the error (ShelfstreamError.code, such as BAD_MAGIC_BYTE) */
  error_code: string;
  /** Human-readable message of the error */
  error_message: string;
  /** Whether replaying the record later may succeed without changing it */
  retriable: boolean;
  /** Stage of the pipeline that failed */
  stage: DeadLetterStage;
  /** Name of the processor that failed, such as order-enricher */
  processor: string;
  /** Topic of the failed record; null when it never reached Kafka */
  original_topic: string | null;
  /** Partition of the failed record */
  original_partition: number | null;
  /** Offset of the failed record in its partition */
  original_offset: number | null;
  /** Kafka timestamp of the failed record */
  original_timestamp: number | null;
  /** Where an input that never was a Kafka record came from (file:line or URL) */
  source_location: string | null;
  /** Key bytes exactly as read; null when the record had no key */
  original_key: Buffer | null;
  /** Value bytes exactly as read; null for a tombstone */
  original_value: Buffer | null;
  /** Headers of the failed record, in order (names may repeat) */
  original_headers: DeadLetterHeader[];
  /** How many times the stage tried before giving up */
  attempts: number;
  /** When the stage gave up */
  failed_at: number;
}

/** Pipeline stage that gave up; UNKNOWN stands for any stage this reader does not know yet */
export type DeadLetterStage = 'UNKNOWN' | 'INGEST' | 'DESERIALIZE' | 'VALIDATE' | 'ENRICH' | 'AGGREGATE' | 'SINK';

/** One Kafka header of the failed record */
export interface DeadLetterHeader {
  /** Header name */
  key: string;
  /** Header value bytes; null for a header without value */
  value: Buffer | null;
}
