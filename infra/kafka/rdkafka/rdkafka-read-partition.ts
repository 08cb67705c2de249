import { randomUUID } from 'node:crypto';
import type * as Rdkafka from 'node-rdkafka';
import type { IncomingRecord } from '../kafka-driver.ts';
import { loadRdkafka, type RdkafkaConfig } from './load-rdkafka.ts';
import { byPartition } from './rdkafka-batches.ts';
import { rdkafkaCall } from './rdkafka-call.ts';

/** Assigns the one partition directly (no group, no commits) from its start or `from`, and reads up to the end offset seen at the start. */
export async function rdkafkaReadPartition(
  base: RdkafkaConfig,
  timeoutMs: number,
  topic: string,
  partition: number,
  handle: (records: readonly IncomingRecord[]) => void,
  from?: string,
): Promise<void> {
  const kafka = loadRdkafka();
  const consumer = new kafka.KafkaConsumer({ ...base, 'group.id': `shelfstream-restore-${randomUUID()}`, 'enable.auto.commit': false }, {});
  await rdkafkaCall<Rdkafka.Metadata>((cb) => consumer.connect({ timeout: timeoutMs }, cb));
  try {
    const { lowOffset, highOffset } = await rdkafkaCall<Rdkafka.WatermarkOffsets>((cb) => {
      consumer.queryWatermarkOffsets(topic, partition, timeoutMs, cb);
    });
    const start = Math.max(lowOffset, from === undefined ? lowOffset : Number(from));
    if (start >= highOffset) return;
    consumer.assign([{ topic, partition, offset: start }]);
    // position() rather than the last offset seen: compaction leaves gaps, so offset end-1 may not exist.
    while ((consumer.position([{ topic, partition }])[0]?.offset ?? -1) < highOffset) {
      const messages = await rdkafkaCall<Rdkafka.Message[]>((cb) => { consumer.consume(1000, cb); });
      const batch = byPartition(messages.filter((m) => m.partition === partition && m.offset < highOffset))[0];
      if (batch) handle(batch.records);
    }
  } finally {
    await rdkafkaCall<unknown>((cb) => consumer.disconnect(cb));
  }
}
