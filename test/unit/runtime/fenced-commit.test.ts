import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingRecord, KafkaConsumer } from '../../../infra/kafka/kafka-driver.ts';
import { topicSink } from '../../../sinks/kafka/topic-sink.ts';
import { startExactlyOnceTask } from '../../support/exactly-once-task.ts';
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

const startTask = (stack: InMemoryStack, consumer: KafkaConsumer) => startExactlyOnceTask(stack, numbering, consumer);

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
