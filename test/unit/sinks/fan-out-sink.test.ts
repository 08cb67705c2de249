import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SinkWriteError } from '../../../errors/index.ts';
import { fanOutSink } from '../../../sinks/fan-out-sink.ts';
import { topicSink } from '../../../sinks/kafka/topic-sink.ts';
import type { Sink, SinkFactory } from '../../../sinks/sink.ts';
import { emptyOutcomes, type Batch } from '../../../streams/batch.ts';
import { inMemoryStack } from '../../support/in-memory-stack.ts';
import { readTopic } from '../../support/read-topic.ts';

const context = { applicationId: 'app', input: { topic: 'in', partition: 0 } };

const batchOf = (values: readonly string[]): Batch<string> => ({
  topic: 'in',
  partition: 0,
  records: values.map((value, i) => ({ key: value, value, timestamp: i, headers: {}, origin: { topic: 'in', partition: 0, offset: String(i) }, raw: { key: null, value: null } })),
  ...emptyOutcomes(),
  progress: [],
});

/** A topic sink writing each value, transformed, to `topic`. */
const toTopic = (topic: string, transform: (v: string) => string): SinkFactory<string> => () =>
  topicSink<string>((batch) => [{ topic, records: batch.records.map((r) => ({ key: null, value: Buffer.from(transform(r.value)), timestamp: r.timestamp })) }]);

describe('fanOutSink', () => {
  it('writes every added record through each member at the checkpoint', async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([{ topic: 'upper', partitions: 1 }, { topic: 'lower', partitions: 1 }]);
    const producer = stack.driver.producer();
    await producer.connect();
    const sink = fanOutSink('both', [toTopic('upper', (v) => v.toUpperCase()), toTopic('lower', (v) => v.toLowerCase())])(context);
    assert.equal(await sink.open(), undefined);
    await sink.add(batchOf(['Ab', 'Cd']));
    await sink.flush({ producer, next: '2' });
    await sink.close();
    await producer.disconnect();
    const values = async (topic: string) => (await readTopic(stack.driver, topic, 1)).map((r) => r.value?.toString());
    assert.deepEqual(await values('upper'), ['AB', 'CD']);
    assert.deepEqual(await values('lower'), ['ab', 'cd']);
  });

  it('gives a member that keeps a position of its own only what it does not hold, and the others everything', async () => {
    const seen: string[] = [];
    const positioned: Sink<string> = {
      open: () => Promise.resolve('1'),
      add: (batch) => { seen.push(...batch.records.map((r) => r.value)); return Promise.resolve(); },
      flush: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([{ topic: 'copy', partitions: 1 }]);
    const producer = stack.driver.producer();
    await producer.connect();
    const sink = fanOutSink('both', [toTopic('copy', (v) => v), () => positioned])(context);
    assert.equal(await sink.open(), undefined, 'the fan-out follows the committed offsets');
    await sink.add(batchOf(['a', 'b', 'c']));
    await sink.flush({ producer, next: '3' });
    await producer.disconnect();
    assert.deepEqual(seen, ['b', 'c'], 'the table sink holds offset 0 already');
    assert.deepEqual((await readTopic(stack.driver, 'copy', 1)).map((r) => r.value?.toString()), ['a', 'b', 'c']);
  });

  it('refuses two members loading tables: describe() names one table per sink', () => {
    const table = (name: string): SinkFactory<string> => Object.assign(() => ({}) as Sink<string>, { target: { system: 'ClickHouse' as const, table: name } });
    assert.throws(() => fanOutSink('both', [table('a'), table('b')]), (error: unknown) => error instanceof SinkWriteError && error.table === 'both');
    assert.deepEqual(fanOutSink('one', [toTopic('copy', (v) => v), table('a')]).target, { system: 'ClickHouse', table: 'a' });
  });
});
