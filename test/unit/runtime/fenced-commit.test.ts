import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingRecord, KafkaConsumer } from '../../../infra/kafka/kafka-driver.ts';
import { RuntimeMetrics } from '../../../runtime/metrics/runtime-metrics.ts';
import { StreamTask } from '../../../runtime/stream-task.ts';
import { topicSink } from '../../../sinks/kafka/topic-sink.ts';
import { inMemoryStack, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { numberingTopology } from '../../support/numbering-topology.ts';
import { readTopic } from '../../support/read-topic.ts';

const APP = 'fenced';
const INPUT = { topic: 'events', partitions: 1 };
const OUTPUT = 'numbered';

const numbering = numberingTopology(
  APP,
  INPUT,
  () => topicSink<string>((batch) => [{ topic: OUTPUT, records: batch.records.map((r) => ({ key: null, value: Buffer.from(r.value), partition: 0 })) }]),
  OUTPUT,
);

/** The task of partition 0 as the runner starts it under exactly-once, for the consumer given. */
function startTask(stack: InMemoryStack, consumer: KafkaConsumer): Promise<StreamTask> {
  const sub = numbering.subTopologies[0];
  if (sub === undefined) throw new Error('no sub-topology');
  return StreamTask.start({
    applicationId: APP,
    subTopology: sub,
    partition: 0,
    driver: stack.driver,
    producer: stack.driver.producer(),
    transactions: consumer.transactionalProducer(`${APP}.${INPUT.topic}.0`),
    committed: () => consumer.committed({ topic: INPUT.topic, partition: 0 }),
    commitIntervalMs: 0,
    metrics: new RuntimeMetrics(),
    sideOutputs: numbering.sideOutputSink,
    now: Date.now,
  });
}

describe('a task that takes over a partition under exactly-once', () => {
  it("starts at the offset the previous owner's last transaction committed, even when handed records below it", async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([INPUT, { topic: OUTPUT, partitions: 1 }, ...numbering.topicsToCreate()]);
    await admin.close();
    const producer = stack.driver.producer();
    await producer.connect();
    await producer.send(INPUT.topic, Array.from({ length: 10 }, (_, i) => ({ key: null, value: Buffer.from(`event-${i}`), partition: 0 })));
    await producer.disconnect();
    const events: IncomingRecord[] = await readTopic(stack.driver, INPUT.topic, 1);
    const batch = (from: number) => ({ topic: INPUT.topic, partition: 0, records: events.slice(from), caughtUp: true });

    // The previous owner processes the first six events and commits them in its last transaction.
    const group = () => stack.driver.consumer({ groupId: APP, topics: [INPUT.topic] });
    const previous = await startTask(stack, group());
    await previous.process({ ...batch(0), records: events.slice(0, 6) });
    await previous.close();

    // The next owner is handed the partition from its start, as a consumer that read a stale committed offset is.
    const next = await startTask(stack, group());
    assert.deepEqual(await next.process(batch(0)), { seekTo: '6' });
    assert.deepEqual(await next.process(batch(6)), {});
    await next.close();

    const numbered = (await readTopic(stack.driver, OUTPUT, 1)).map((r) => r.value?.toString());
    assert.deepEqual(numbered, events.map((_, i) => `event-${i}#${i + 1}`), 'each event numbered once, in order');
  });
});
