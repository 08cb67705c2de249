import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncomingRecord, KafkaConsumer } from '../../../infra/kafka/kafka-driver.ts';
import { topicSink } from '../../../sinks/kafka/topic-sink.ts';
import type { SinkFactory } from '../../../sinks/sink.ts';
import { startExactlyOnceTask } from '../../support/exactly-once-task.ts';
import { inMemoryStack, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { numberingTopology } from '../../support/numbering-topology.ts';
import { readTopic } from '../../support/read-topic.ts';

const APP = 'closing';
const INPUT = { topic: 'events', partitions: 1 };
const OUTPUT = 'numbered';

interface Gate {
  /** Tells that a batch reached the sink. */
  reached(): void;
  readonly passed: Promise<void>;
}

/** The numbering sink, whose `add` waits at the gate: a batch in hand while its task is closed. */
function gatedSink(gate: Gate): SinkFactory<string> {
  return () => {
    const sink = topicSink<string>((batch) => [{ topic: OUTPUT, records: batch.records.map((r) => ({ key: null, value: Buffer.from(r.value), partition: 0 })) }]);
    return {
      open: () => sink.open(),
      add: async (batch) => { gate.reached(); await gate.passed; await sink.add(batch); },
      flush: (checkpoint) => sink.flush(checkpoint),
      close: () => sink.close(),
    };
  };
}

async function setUp(gate: Gate) {
  const stack: InMemoryStack = inMemoryStack();
  const topology = numberingTopology(APP, INPUT, gatedSink(gate), OUTPUT);
  const admin = await stack.driver.admin();
  await admin.createTopics([INPUT, { topic: OUTPUT, partitions: 1 }, ...topology.topicsToCreate()]);
  await admin.close();
  const producer = stack.driver.producer();
  await producer.connect();
  await producer.send(INPUT.topic, Array.from({ length: 4 }, (_, i) => ({ key: null, value: Buffer.from(`event-${i}`), partition: 0 })));
  await producer.disconnect();
  const events: IncomingRecord[] = await readTopic(stack.driver, INPUT.topic, 1);
  const consumer: KafkaConsumer = stack.driver.consumer({ groupId: APP, topics: [INPUT.topic] });
  const task = await startExactlyOnceTask(stack, topology, consumer);
  const output = async () => (await readTopic(stack.driver, OUTPUT, 1)).map((r) => r.value?.toString());
  return { task, events, consumer, output };
}

describe('closing a task (its partition revoked) while a batch is in hand', () => {
  it('lets the batch finish and commit before its transactional producer is released', async () => {
    let open = () => undefined as unknown;
    const passed = new Promise<void>((resolve) => { open = () => { resolve(); }; });
    let reached = () => undefined as unknown;
    const inSink = new Promise<void>((resolve) => { reached = () => { resolve(); }; });
    const { task, events, consumer, output } = await setUp({ reached, passed });
    const processing = task.process({ topic: INPUT.topic, partition: 0, records: events.slice(0, 2), caughtUp: false });
    await inSink;
    const closing = task.close();
    open();
    assert.deepEqual(await processing, {});
    await closing;
    assert.deepEqual(await output(), ['event-0#1', 'event-1#2']);
    assert.equal(await consumer.committed({ topic: INPUT.topic, partition: 0 }), '2');
  });

  it('does nothing with a batch handed over once it is closed: the next owner reads it from the last commit', async () => {
    const { task, events, consumer, output } = await setUp({ reached: () => undefined, passed: Promise.resolve() });
    await task.process({ topic: INPUT.topic, partition: 0, records: events.slice(0, 2), caughtUp: false });
    await task.close();
    assert.deepEqual(await task.process({ topic: INPUT.topic, partition: 0, records: events.slice(2), caughtUp: true }), {});
    assert.deepEqual(await output(), ['event-0#1', 'event-1#2']);
    assert.equal(await consumer.committed({ topic: INPUT.topic, partition: 0 }), '2');
  });
});
