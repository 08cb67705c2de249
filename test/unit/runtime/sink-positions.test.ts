import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutgoingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner, type ProcessingGuarantee } from '../../../runtime/topology-runner.ts';
import type { Sink, SinkFactory } from '../../../sinks/sink.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { mapValues } from '../../../streams/map-records.ts';
import type { StateStore } from '../../../streams/state-store.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';

const INPUT = { topic: 'events', partitions: 1 };
const COUNT = 40;

/** A sink standing in for a lake or OLAP table: it holds what was flushed, and reports a position it already holds. */
function tableSink(table: { rows: string[]; opened: number }, holds: string | undefined): SinkFactory<string> {
  return () => {
    let pending: string[] = [];
    const sink: Sink<string> = {
      open: () => {
        table.opened += 1;
        return Promise.resolve(holds);
      },
      add: (batch) => {
        pending.push(...batch.records.map((r) => r.value));
        return Promise.resolve();
      },
      flush: () => {
        table.rows.push(...pending);
        pending = [];
        return Promise.resolve();
      },
      close: () => {
        pending = [];
        return Promise.resolve();
      },
    };
    return sink;
  };
}

async function produceEvents(stack: InMemoryStack): Promise<void> {
  const admin = await stack.driver.admin();
  await admin.createTopics([INPUT]);
  const producer = stack.driver.producer();
  const records: OutgoingRecord[] = Array.from({ length: COUNT }, (_, i) => ({ key: null, value: Buffer.from(`event-${i}`), partition: 0, timestamp: i }));
  await producer.connect();
  await producer.send(INPUT.topic, records);
  await producer.disconnect();
}

/** Runs the topology until its input is committed; returns how many input records the task processed. */
async function runUntilCommitted(stack: InMemoryStack, topology: Topology, guarantee: ProcessingGuarantee): Promise<number> {
  const runner = new TopologyRunner({ topology, driver: stack.driver, processingGuarantee: guarantee });
  await runner.start();
  try {
    await until('every input offset committed', () => stack.cluster.committedOffset(topology.applicationId, { topic: INPUT.topic, partition: 0 }) === String(COUNT));
  } finally {
    await runner.stop();
  }
  const processed = await runner.metrics.recordsIn.get();
  return processed.values.reduce((sum, v) => sum + v.value, 0);
}

const decode = ({ name }: { name: string }) => mapValues<Buffer | null, string>((v) => v?.toString() ?? name);
const expected = (from: number) => Array.from({ length: COUNT - from }, (_, i) => `event-${from + i}`);

for (const guarantee of ['exactly-once', 'at-least-once'] as const) {
  describe(`sink positions, ${guarantee}`, () => {
    it('gives a sink that already holds records only what it does not hold, while the other sinks see everything', async () => {
      const stack = inMemoryStack();
      await produceEvents(stack);
      const table = { rows: [] as string[], opened: 0 };
      const topology = new Topology({
        applicationId: 'partial',
        inputs: [INPUT],
        subTopologies: [subTopology('load', INPUT.topic).step('decode', decode).to('table', tableSink(table, '25'))],
        // The side outputs keep no position of their own, so the task cannot seek: it filters instead.
        sideOutputs: sideOutputSink,
      });
      assert.equal(await runUntilCommitted(stack, topology, guarantee), COUNT);
      assert.deepEqual(table.rows, expected(25));
      assert.equal(table.opened, 1);
    });

    it('seeks past what every sink of a stateless task holds, and goes on from there', async () => {
      const stack = inMemoryStack();
      await produceEvents(stack);
      const table = { rows: [] as string[], opened: 0 };
      const audit = { rows: [] as string[], opened: 0 };
      const topology = new Topology({
        applicationId: 'seeking',
        inputs: [INPUT],
        subTopologies: [subTopology('load', INPUT.topic).step('decode', decode).to('table', tableSink(table, '30'))],
        sideOutputs: () => tableSink(audit, '10'),
      });
      // Records below the lowest position are never fetched again, let alone processed.
      assert.equal(await runUntilCommitted(stack, topology, guarantee), COUNT - 10);
      // Each sink still gets only what it lacks.
      assert.deepEqual(table.rows, expected(30));
      assert.deepEqual(audit.rows, expected(10));
    });

    it('never seeks past input a stateful step has not seen', async () => {
      const stack = inMemoryStack();
      await produceEvents(stack);
      const table = { rows: [] as string[], opened: 0 };
      const topology = new Topology({
        applicationId: 'stateful',
        inputs: [INPUT],
        subTopologies: [
          subTopology('load', INPUT.topic)
            .step('decode', decode)
            .statefulStep('number', (_, store: StateStore<number>) =>
              mapValues<string, string>((v) => {
                const n = (store.get('seen') ?? 0) + 1;
                store.set('seen', n);
                return `${v}#${n}`;
              }),
            )
            .to('table', tableSink(table, '35')),
        ],
        sideOutputs: () => tableSink({ rows: [], opened: 0 }, '35'),
      });
      assert.equal(await runUntilCommitted(stack, topology, guarantee), COUNT);
      // Every record went through the store (numbered 1..40); the table took only what it lacked.
      assert.deepEqual(table.rows, expected(35).map((v, i) => `${v}#${36 + i}`));
    });
  });
}
