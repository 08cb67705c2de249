import type { KafkaMessage } from 'kafkajs';
import { headerBytes } from '../driver-core/record-headers.ts';
import type { IncomingRecord } from '../kafka-driver.ts';

/** A fetched kafkajs message as an `IncomingRecord`; of a header repeated, its first value. */
export function toIncoming(topic: string, partition: number, m: KafkaMessage): IncomingRecord {
  const headers = Object.entries(m.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value] as const);
  return { topic, partition, offset: m.offset, key: m.key, value: m.value, headers: headerBytes(headers), timestamp: Number(m.timestamp) };
}
