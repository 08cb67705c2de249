import { deadLetterRecord } from '../../schemas/dead-letter/dead-letter-record.ts';
import type { SinkFactory } from '../sink.ts';
import { topicSink } from './topic-sink.ts';

/** Where a topology's side outcomes go: the records no step could process, and those too late for their windows. */
export interface SideOutputTopics {
  readonly deadLetter: string;
  readonly late: string;
}

/**
 * The sink of a batch's dead letters and late records, each as the original key and value bytes
 * with the reason and origin in headers, so the record can be inspected and replayed as it arrived.
 */
export function sideOutputSink(topics: SideOutputTopics): SinkFactory<unknown> {
  return () =>
    topicSink<unknown>((batch) => {
      const dead = batch.deadLetters.map((d) =>
        deadLetterRecord({ key: d.raw.key, value: d.raw.value, headers: d.headers, timestamp: d.timestamp }, d, d.origin),
      );
      const late = batch.late.map(({ record, step, windowStart, windowEnd, watermark }) =>
        deadLetterRecord(
          { key: record.raw.key, value: record.raw.value, headers: record.headers, timestamp: record.timestamp },
          {
            code: 'LATE_RECORD',
            message: `event time ${record.timestamp} is past window [${windowStart}, ${windowEnd}) closed at watermark ${watermark}`,
            step,
            window: { start: windowStart, end: windowEnd, watermark },
          },
          record.origin,
        ),
      );
      return [
        { topic: topics.deadLetter, records: dead },
        { topic: topics.late, records: late },
      ];
    });
}
