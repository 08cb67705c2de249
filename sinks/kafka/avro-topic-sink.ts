import type { TopicSpec } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { StreamRecord } from '../../streams/stream-record.ts';
import type { SinkFactory } from '../sink.ts';
import { topicSink } from './topic-sink.ts';

export interface AvroTopicSinkOptions<V, T> {
  readonly topic: TopicSpec;
  readonly serde: AvroSerde;
  readonly schema: AvroSchema<T>;
  readonly toValue: (record: StreamRecord<V>) => T;
  /** The record key (partitioned by Kafka's murmur2 of its bytes); the record's own key when absent. */
  readonly keyOf?: (record: StreamRecord<V>) => string | null;
}

/**
 * Writes records to a topic as Confluent-framed Avro, keys and values registered under the topic's
 * subjects. Idempotent in effect: a replayed batch writes the same keys with the same values, so a
 * reader that keeps the latest value per key (a compacted topic, a ReplacingMergeTree) sees no double.
 */
export function avroTopicSink<V, T>(options: AvroTopicSinkOptions<V, T>): SinkFactory<V> {
  const { topic, serde, schema, toValue } = options;
  const keyOf = options.keyOf ?? ((r: StreamRecord<V>) => r.key);
  return () =>
    topicSink<V>(async (batch) => {
      if (batch.records.length === 0) return [];
      const encodeKey = await serde.serializer(subjectName(topic.topic, 'key'), KEY_SCHEMA);
      const encodeValue = await serde.serializer(subjectName(topic.topic, 'value'), schema);
      const records = batch.records.map((r) => {
        const key = keyOf(r);
        return { key: key === null ? null : encodeKey(key), value: encodeValue(toValue(r)), timestamp: r.timestamp };
      });
      return [{ topic: topic.topic, records }];
    });
}
