import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutgoingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { changelogTopic } from '../../../runtime/changelog.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { topicSink } from '../../../sinks/kafka/topic-sink.ts';
import { FlushTrigger, type FlushPolicy } from '../../../sinks/flush-trigger.ts';
import type { SinkFactory } from '../../../sinks/sink.ts';
import { gate } from '../../support/gate.ts';
import { numberingTopology } from '../../support/numbering-topology.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { readTopic } from '../../support/read-topic.ts';

const INPUT = { topic: 'events', partitions: 2 };
const OUTPUT = 'numbered';
const COUNT = 40;
// Batches of 5 records: the 40 events arrive in 8 batches.
const BATCH = 5;
const LONG = 60_000;

const numberedOutput: SinkFactory<string> = () =>
  topicSink<string>((batch) => [{ topic: OUTPUT, records: batch.records.map((r) => ({ key: null, value: Buffer.from(r.value), partition: 0 })) }]);

/** Events of one partition numbered through a store, so a record counted twice, or lost, shows in the output. */
const numbering = (applicationId: string, sink: SinkFactory<string> = numberedOutput): Topology => numberingTopology(applicationId, INPUT, sink, OUTPUT);

async function produceEvents(stack: InMemoryStack, from: number, to: number): Promise<void> {
  const admin = await stack.driver.admin();
  await admin.createTopics([INPUT]);
  await admin.close();
  const producer = stack.driver.producer();
  const records: OutgoingRecord[] = Array.from({ length: to - from }, (_, i) => ({ key: null, value: Buffer.from(`event-${from + i}`), partition: 1 }));
  await producer.connect();
  await producer.send(INPUT.topic, records);
  await producer.disconnect();
}

const expected = (count: number) => Array.from({ length: count }, (_, i) => `event-${i}#${i + 1}`);

async function outputValues(stack: InMemoryStack): Promise<string[]> {
  return (await readTopic(stack.driver, OUTPUT, 1)).map((r) => r.value?.toString() ?? '');
}

/** Transactions that wrote to a topic partition: each left one commit or abort marker in its log. */
async function transactionsIn(stack: InMemoryStack, topic: string, partition = 0): Promise<number> {
  let readable = 0;
  await stack.driver.readPartition(topic, partition, (records) => { readable += records.length; });
  return Number(stack.cluster.log(topic, partition).end) - readable;
}

const committed = (stack: InMemoryStack, applicationId: string) => stack.cluster.committedOffset(applicationId, { topic: INPUT.topic, partition: 1 });

/** The numbered output behind a flush policy, as the ClickHouse and Iceberg sinks gather rows into fewer writes. */
const gathering = (policy: FlushPolicy): SinkFactory<string> => (context) => {
  const sink = numberedOutput(context);
  const trigger = new FlushTrigger(policy);
  return {
    ...sink,
    add: async (batch) => {
      trigger.added(batch);
      await sink.add(batch);
    },
    flush: async (checkpoint) => {
      await sink.flush(checkpoint);
      trigger.flushed();
    },
    flushRequest: () => trigger.request(),
  };
};

const bytesOfEvents = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `event-${from + i}`.length).reduce((a, b) => a + b, 0);

describe('commit interval, exactly-once', () => {
  it('commits the batches processed within the interval in one transaction: output, changelog and offsets', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH });
    await produceEvents(stack, 0, COUNT);
    const runner = new TopologyRunner({ topology: numbering('one-checkpoint'), driver: stack.driver, commitIntervalMs: LONG });
    await runner.start();
    try {
      await until('every input offset committed', () => committed(stack, 'one-checkpoint') === String(COUNT));
    } finally {
      await runner.stop();
    }
    assert.equal(await runner.metrics.total('recordsIn', { sub_topology: 'number' }), COUNT);
    assert.deepEqual(await outputValues(stack), expected(COUNT));
    // 8 batches, one checkpoint: taken when the last batch reached the partition's end.
    assert.equal(await transactionsIn(stack, OUTPUT), 1);
    // The store's changelog partition is the input partition's.
    assert.equal(await transactionsIn(stack, changelogTopic('one-checkpoint', 'count'), 1), 1);
  });

  it('checkpoints whenever the input is caught up, without waiting for the interval', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH });
    await produceEvents(stack, 0, COUNT / 2);
    const runner = new TopologyRunner({ topology: numbering('caught-up'), driver: stack.driver, commitIntervalMs: LONG });
    await runner.start();
    try {
      await until('the first wave committed', () => committed(stack, 'caught-up') === String(COUNT / 2));
      assert.deepEqual(await outputValues(stack), expected(COUNT / 2));
      await produceEvents(stack, COUNT / 2, COUNT);
      await until('the second wave committed', () => committed(stack, 'caught-up') === String(COUNT));
    } finally {
      await runner.stop();
    }
    assert.deepEqual(await outputValues(stack), expected(COUNT));
    assert.equal(await transactionsIn(stack, OUTPUT), 2);
  });

  it('lets a sink gathering rows hold back the checkpoints of a caught-up input within the commit interval, as a trickle is at every batch', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH });
    const runner = new TopologyRunner({ topology: numbering('gathered', gathering({ intervalMs: LONG, bytes: bytesOfEvents(0, COUNT) })), driver: stack.driver, commitIntervalMs: LONG });
    await produceEvents(stack, 0, 0);
    await runner.start();
    try {
      // Four waves, each caught up once processed: the sink asks for its write only when the fourth makes it big enough.
      for (let wave = 0; wave < 4; wave++) {
        await produceEvents(stack, wave * 10, wave * 10 + 10);
        await until(`wave ${wave} processed`, async () => (await runner.metrics.total('recordsIn', { sub_topology: 'number' })) === wave * 10 + 10);
        if (wave < 3) assert.equal(committed(stack, 'gathered'), undefined, `wave ${wave} waits for the sink`);
      }
      await until('every input offset committed', () => committed(stack, 'gathered') === String(COUNT));
    } finally {
      await runner.stop();
    }
    assert.deepEqual(await outputValues(stack), expected(COUNT));
    assert.equal(await transactionsIn(stack, OUTPUT), 1);
  });

  it('commits what a sink would still gather once a caught-up input pauses for the commit interval, as a bounded input ends', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH });
    await produceEvents(stack, 0, COUNT / 2);
    const runner = new TopologyRunner({ topology: numbering('let-go', gathering({ intervalMs: LONG, bytes: Number.MAX_SAFE_INTEGER })), driver: stack.driver, commitIntervalMs: 50 });
    await runner.start();
    try {
      await until('every input offset committed', () => committed(stack, 'let-go') === String(COUNT / 2));
    } finally {
      await runner.stop();
    }
    assert.deepEqual(await outputValues(stack), expected(COUNT / 2));
    assert.equal(await transactionsIn(stack, OUTPUT), 1);
  });

  it('loses nothing and repeats nothing when a member loses its partition before the interval elapsed', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH });
    await produceEvents(stack, 0, COUNT);
    // An open transaction on the input keeps the partition's end past its readable records: the task never looks caught up.
    const upstream = stack.driver.consumer({ groupId: 'upstream', topics: [] }).transactionalProducer('upstream');
    await upstream.connect();
    const abortUpstream = gate();
    const aborted = upstream
      .transaction(async (producer) => {
        await producer.send(INPUT.topic, [0, 1, 2].map((i) => ({ key: null, value: Buffer.from(`never-${i}`), partition: 1 })));
        await abortUpstream.opened;
        throw new Error('upstream aborts');
      }, { topic: INPUT.topic, partition: 1, offset: '0' })
      .catch(() => undefined);
    const first = new TopologyRunner({ topology: numbering('handover'), driver: stack.driver, commitIntervalMs: LONG });
    const second = new TopologyRunner({ topology: numbering('handover'), driver: stack.driver, commitIntervalMs: LONG });
    await first.start();
    try {
      await until('the first member processed every event', async () => (await first.metrics.total('recordsIn', { sub_topology: 'number' })) === COUNT);
      // Processed, not checkpointed: nothing is visible and nothing is committed.
      assert.equal(committed(stack, 'handover'), undefined);
      assert.deepEqual(await outputValues(stack), []);
      // The second member takes partition 1 over; the first drops what it did not checkpoint.
      await second.start();
      await until('the second member processed every event', async () => (await second.metrics.total('recordsIn', { sub_topology: 'number' })) === COUNT);
      abortUpstream.open();
      await aborted;
    } finally {
      // Stopping checkpoints what the second member processed.
      await second.stop();
      await first.stop();
    }
    assert.equal(committed(stack, 'handover'), String(COUNT));
    assert.deepEqual(await outputValues(stack), expected(COUNT));
    assert.equal(await transactionsIn(stack, OUTPUT), 1);
  });

  it('fetches again every batch since the last checkpoint when a later one fails', async () => {
    const stack = inMemoryStack({}, { maxBatchRecords: BATCH, retryBackoffMs: 10 });
    await produceEvents(stack, 0, COUNT);
    let failed = false;
    // The 4th batch fails once, after 3 batches were processed into the task's open checkpoint.
    const failingOnce: SinkFactory<string> = (context) => {
      const sink = numberedOutput(context);
      return {
        ...sink,
        add: (batch) => {
          if (!failed && batch.records.some((r) => r.origin.offset === '15')) {
            failed = true;
            return Promise.reject(new Error('the sink fails once'));
          }
          return sink.add(batch);
        },
      };
    };
    const runner = new TopologyRunner({ topology: numbering('refetch', failingOnce), driver: stack.driver, commitIntervalMs: LONG });
    await runner.start();
    try {
      await until('every input offset committed', () => committed(stack, 'refetch') === String(COUNT));
    } finally {
      await runner.stop();
    }
    assert.ok(failed);
    // The first 15 events went through a task that was dropped, and again through its successor.
    assert.equal(await runner.metrics.total('recordsIn', { sub_topology: 'number' }), COUNT + 15);
    assert.deepEqual(await outputValues(stack), expected(COUNT));
    assert.equal(await transactionsIn(stack, OUTPUT), 1);
  });
});
