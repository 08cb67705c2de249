import type { StreamRecord } from './stream-record.ts';

/** Headers a repartition sink adds so downstream steps know each record's upstream position. */
export const SOURCE_HEADERS = {
  source: 'shelfstream.source',
  offset: 'shelfstream.source.offset',
  control: 'shelfstream.control',
  eventTime: 'shelfstream.event-time',
} as const;

/**
 * The upstream partition and offset a record was first read at: carried in headers across a
 * repartition topic, else the record's own origin. Replays of an upstream batch repeat these, which
 * is how stateful steps recognise a record they have already applied.
 */
export function sourceOf(record: StreamRecord<unknown>): { source: string; offset: bigint } {
  const source = record.headers[SOURCE_HEADERS.source];
  const offset = record.headers[SOURCE_HEADERS.offset];
  if (source !== undefined && offset !== undefined) return { source: source.toString(), offset: BigInt(offset.toString()) };
  return { source: `${record.origin.topic}/${record.origin.partition}`, offset: BigInt(record.origin.offset) };
}
