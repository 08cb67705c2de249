import type { IncomingRecord, OutgoingRecord } from '../infra/kafka/kafka-driver.ts';
import type { SourceProgress } from './batch.ts';
import { SOURCE_HEADERS } from './record-source.ts';
import { END_OF_INPUT } from './windows/index.ts';

/**
 * The control record of a repartition topic: an upstream task's event-time progress, sent to every
 * partition so each downstream watermark waits for every upstream partition, whatever keys it sends
 * where. It has no key or value; the headers carry the source and its event time. Written by the
 * repartition sink, read by the task before its operators see the batch: one format, in one place.
 */
export function progressAnnouncement(source: string, eventTime: number, partition: number): OutgoingRecord {
  return {
    key: null,
    value: null,
    partition,
    // A record's timestamp is finite: the end of input takes the time it is written.
    ...(Number.isFinite(eventTime) ? { timestamp: eventTime } : {}),
    headers: { [SOURCE_HEADERS.control]: 'watermark', [SOURCE_HEADERS.source]: source, [SOURCE_HEADERS.eventTime]: String(eventTime) },
  };
}

/**
 * The end of a bounded source's input in one of its partitions (`topic/partition`), as an
 * announcement of progress to `END_OF_INPUT`: written by the source into its own topic, it closes
 * every window downstream once all partitions ended, and re-announced across repartition topics.
 */
export function endOfInputAnnouncement(topic: string, partition: number): OutgoingRecord {
  return progressAnnouncement(`${topic}/${partition}`, END_OF_INPUT, partition);
}

/** The progress a fetched record announces, or undefined when it is an event. */
export function readProgressAnnouncement(record: IncomingRecord): SourceProgress | undefined {
  if (record.headers[SOURCE_HEADERS.control]?.toString() !== 'watermark') return undefined;
  return {
    source: record.headers[SOURCE_HEADERS.source]?.toString() ?? '',
    eventTime: Number(record.headers[SOURCE_HEADERS.eventTime]?.toString()),
    offset: BigInt(record.offset),
  };
}
