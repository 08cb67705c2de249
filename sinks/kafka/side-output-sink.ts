import type { KafkaProducer, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { Batch } from '../../streams/batch.ts';
import { DEAD_LETTER_HEADERS as H } from './dead-letter-headers.ts';

/**
 * Writes a batch's dead letters and late records, each as the original key and value bytes with
 * the reason and origin in headers, so the record can be inspected and replayed as it arrived.
 */
export async function writeSideOutputs(producer: KafkaProducer, batch: Batch<unknown>, topics: { deadLetter: string; late: string }): Promise<void> {
  const dead: OutgoingRecord[] = batch.deadLetters.map((d) => ({
    key: d.raw.key,
    value: d.raw.value,
    timestamp: d.timestamp,
    headers: {
      ...d.headers,
      [H.code]: d.code,
      [H.message]: d.message,
      [H.step]: d.step,
      [H.topic]: d.origin.topic,
      [H.partition]: String(d.origin.partition),
      [H.offset]: d.origin.offset,
    },
  }));
  const late: OutgoingRecord[] = batch.late.map((l) => ({
    key: l.record.raw.key,
    value: l.record.raw.value,
    timestamp: l.record.timestamp,
    headers: {
      ...l.record.headers,
      [H.code]: 'LATE_RECORD',
      [H.step]: l.step,
      [H.topic]: l.record.origin.topic,
      [H.partition]: String(l.record.origin.partition),
      [H.offset]: l.record.origin.offset,
      [H.windowStart]: String(l.windowStart),
      [H.windowEnd]: String(l.windowEnd),
      [H.watermark]: String(l.watermark),
    },
  }));
  await Promise.all([
    dead.length > 0 ? producer.send(topics.deadLetter, dead) : undefined,
    late.length > 0 ? producer.send(topics.late, late) : undefined,
  ]);
}
