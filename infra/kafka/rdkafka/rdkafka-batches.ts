import type * as Rdkafka from 'node-rdkafka';
import { headerBytes } from '../driver-core/record-headers.ts';
import { partitionKey } from '../driver-core/partition-key.ts';
import type { IncomingRecord, RecordBatch } from '../kafka-driver.ts';

/** Splits a fetched list into per-partition batches, keeping each partition's order. */
export function byPartition(messages: readonly Rdkafka.Message[]): RecordBatch[] {
  const batches = new Map<string, { topic: string; partition: number; records: IncomingRecord[] }>();
  for (const m of messages) {
    const key = partitionKey(m);
    let batch = batches.get(key);
    if (!batch) {
      batch = { topic: m.topic, partition: m.partition, records: [] };
      batches.set(key, batch);
    }
    batch.records.push({
      topic: m.topic,
      partition: m.partition,
      offset: String(m.offset),
      key: m.key === undefined || m.key === null ? null : Buffer.from(m.key),
      value: m.value,
      headers: headerBytes((m.headers ?? []).flatMap((h) => Object.entries(h))),
      timestamp: m.timestamp ?? 0,
    });
  }
  return [...batches.values()];
}
