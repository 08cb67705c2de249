import type { OutgoingRecord, TopicSpec } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import { progressAnnouncement } from '../../streams/progress-announcement.ts';
import { SOURCE_HEADERS, sourceOf } from '../../streams/record-source.ts';
import type { StreamRecord } from '../../streams/stream-record.ts';
import type { SinkFactory } from '../sink.ts';
import { topicSink } from './topic-sink.ts';

export interface RepartitionSinkOptions<V, W = V> {
  readonly topic: TopicSpec;
  readonly serde: AvroSerde;
  readonly schema: AvroSchema<W>;
  /** The new key: records with equal keys land in the same partition, hence the same task. */
  readonly keyOf: (record: StreamRecord<V>) => string;
  /** What is written of a record (the value itself when absent, V being W then). */
  readonly toValue?: (record: StreamRecord<V>) => W;
}

/**
 * Re-keys records into a repartition topic so a downstream sub-topology sees each key in one task.
 * Every record carries its upstream position in headers (so downstream state skips replayed
 * duplicates), and after each batch the task's event-time progress is announced to every partition
 * (so each downstream watermark waits for every upstream partition, whatever keys it sends where),
 * including the end of input its source announced.
 */
export function repartitionSink<V, W = V>(options: RepartitionSinkOptions<V, W>): SinkFactory<V> {
  const { topic, serde, schema, keyOf } = options;
  // Without toValue the record's value is what is written (the options' W defaults to V).
  const toValue = options.toValue ?? ((r: StreamRecord<V>) => r.value as unknown as W);
  return ({ input }) => {
    let high = Number.NEGATIVE_INFINITY;
    const self = `${input.topic}/${input.partition}`;
    return topicSink<V>(async (batch) => {
      const encodeKey = await serde.serializer(subjectName(topic.topic, 'key'), KEY_SCHEMA);
      const encodeValue = await serde.serializer(subjectName(topic.topic, 'value'), schema);
      const records: OutgoingRecord[] = batch.records.map((r) => {
        const { source, offset } = sourceOf(r);
        return {
          key: encodeKey(keyOf(r)),
          value: encodeValue(toValue(r)),
          timestamp: r.timestamp,
          headers: { ...r.headers, [SOURCE_HEADERS.source]: source, [SOURCE_HEADERS.offset]: offset.toString() },
        };
      });
      for (const r of batch.records) high = Math.max(high, r.timestamp);
      // The source's own announcement of progress (the end of a bounded input) is passed on too.
      for (const p of batch.progress) if (p.source === self) high = Math.max(high, p.eventTime);
      if (high > Number.NEGATIVE_INFINITY) {
        for (let partition = 0; partition < topic.partitions; partition++) records.push(progressAnnouncement(self, high, partition));
      }
      return [{ topic: topic.topic, records }];
    });
  };
}
