import { keyPartition } from '../../infra/kafka/driver-core/key-partition.ts';
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
  /**
   * The values reach the sink as they were decoded (no step changed them, no `toValue`): each is
   * written as the bytes it arrived as, framing and writer schema id included, instead of being
   * encoded again. Downstream decodes by that id as it would by the topic's own.
   */
  readonly valuesAsReceived?: boolean;
}

/**
 * Re-keys records into a repartition topic so a downstream sub-topology sees each key in one task.
 * Every record carries its upstream position in headers (so downstream state skips replayed
 * duplicates), and after each batch the task's event-time progress is announced to every partition
 * (so each downstream watermark waits for every upstream partition, whatever keys it sends where),
 * including the end of input its source announced. Records go to their key's partition as Kafka's
 * default partitioner would put them; the key's bytes and partition are computed once per key.
 */
export function repartitionSink<V, W = V>(options: RepartitionSinkOptions<V, W>): SinkFactory<V> {
  const { topic, serde, schema, keyOf, valuesAsReceived = false } = options;
  // Without toValue the record's value is what is written (the options' W defaults to V).
  const toValue = options.toValue ?? ((r: StreamRecord<V>) => r.value as unknown as W);
  return ({ input }) => {
    let high = Number.NEGATIVE_INFINITY;
    const self = `${input.topic}/${input.partition}`;
    // Re-keying maps many records to few keys: each key is encoded and hashed once per task.
    const keys = new Map<string, { key: Buffer; partition: number }>();
    const sources = new Map<string, Buffer>();
    return topicSink<V>(async (batch) => {
      const encodeKey = await serde.serializer(subjectName(topic.topic, 'key'), KEY_SCHEMA);
      const encodeValue = await serde.serializer(subjectName(topic.topic, 'value'), schema);
      const valueOf = (r: StreamRecord<V>): Buffer => (valuesAsReceived && r.raw.value !== null ? r.raw.value : encodeValue(toValue(r)));
      const records: OutgoingRecord[] = batch.records.map((r) => {
        const group = keyOf(r);
        let keyed = keys.get(group);
        if (keyed === undefined) {
          const key = encodeKey(group);
          keyed = { key, partition: keyPartition(key, topic.partitions) };
          keys.set(group, keyed);
        }
        const { source, offset } = sourceOf(r);
        let sourceBytes = sources.get(source);
        if (sourceBytes === undefined) {
          sourceBytes = Buffer.from(source);
          sources.set(source, sourceBytes);
        }
        return {
          key: keyed.key,
          value: valueOf(r),
          partition: keyed.partition,
          timestamp: r.timestamp,
          headers: { ...r.headers, [SOURCE_HEADERS.source]: sourceBytes, [SOURCE_HEADERS.offset]: offset.toString() },
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
