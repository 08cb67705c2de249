import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { Batch } from '../../streams/batch.ts';
import type { Sink } from '../sink.ts';

/** Records for one topic, encoded from an added batch. */
export interface TopicRecords {
  readonly topic: string;
  readonly records: readonly OutgoingRecord[];
}

/**
 * The one mechanism behind every Kafka sink: encode on `add`, send on `flush` through the
 * checkpoint's producer, so under exactly-once the records join the task's transaction. Kafka keeps
 * no position of its own for us: the committed offsets are the position.
 */
export function topicSink<T>(encode: (batch: Batch<T>) => Promise<readonly TopicRecords[]> | readonly TopicRecords[]): Sink<T> {
  let pending: TopicRecords[] = [];
  return {
    open: () => Promise.resolve(undefined),
    async add(batch) {
      for (const out of await encode(batch)) if (out.records.length > 0) pending.push(out);
    },
    async flush({ producer }) {
      const sends = pending;
      pending = [];
      // One send per topic keeps each topic's records in the order they were added.
      const byTopic = new Map<string, OutgoingRecord[]>();
      for (const { topic, records } of sends) {
        const list = byTopic.get(topic) ?? [];
        for (const r of records) list.push(r);
        byTopic.set(topic, list);
      }
      await Promise.all([...byTopic].map(([topic, records]) => producer.send(topic, records)));
    },
    close() {
      pending = [];
      return Promise.resolve();
    },
  };
}
