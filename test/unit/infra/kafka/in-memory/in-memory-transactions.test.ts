import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProducerFencedError } from '../../../../../errors/index.ts';
import { InMemoryCluster } from '../../../../../infra/kafka/in-memory/in-memory-cluster.ts';
import { createInMemoryDriver } from '../../../../../infra/kafka/in-memory/in-memory-driver.ts';
import type { IncomingRecord, KafkaConsumer, KafkaDriver, KafkaProducer, RecordBatch, TransactionalProducer } from '../../../../../infra/kafka/kafka-driver.ts';
import { gate } from '../../../../support/gate.ts';
import { until } from '../../../../support/in-memory-stack.ts';

const INPUT = 'input';
const OUTPUT = 'output';
const tp0 = { topic: INPUT, partition: 0 };

async function setUp(options: ConstructorParameters<typeof InMemoryCluster>[0] = {}) {
  const cluster = new InMemoryCluster(options);
  const driver = createInMemoryDriver(cluster);
  const admin = await driver.admin();
  await admin.createTopics([{ topic: INPUT, partitions: 1 }, { topic: OUTPUT, partitions: 1 }]);
  const producer = driver.producer();
  await producer.connect();
  return { cluster, driver, producer };
}

const values = async (driver: KafkaDriver, topic: string): Promise<string[]> => {
  const records: IncomingRecord[] = [];
  await driver.readPartition(topic, 0, (batch) => records.push(...batch));
  return records.map((r) => r.value?.toString() ?? '');
};

const send = (producer: KafkaProducer, ...texts: string[]) => producer.send(OUTPUT, texts.map((t) => ({ key: null, value: Buffer.from(t), partition: 0 })));

/** A transactional producer of the group `app`, which consumes the input, connected. */
async function connected(driver: KafkaDriver, transactionalId: string): Promise<TransactionalProducer> {
  const consumer = driver.consumer({ groupId: 'app', topics: [INPUT], commitOffsets: 'transaction' });
  const producer = consumer.transactionalProducer(transactionalId);
  await producer.connect();
  return producer;
}

/** A consumer of the output in its own group, and what it has read so far. */
async function outputReader(driver: KafkaDriver, groupId: string): Promise<{ reader: KafkaConsumer; read: IncomingRecord[] }> {
  const reader = driver.consumer({ groupId, topics: [OUTPUT] });
  const read: IncomingRecord[] = [];
  await reader.run((batch) => {
    read.push(...batch.records);
    return Promise.resolve();
  });
  return { reader, read };
}

const nextOffset = (batch: RecordBatch) => ({ topic: batch.topic, partition: batch.partition, offset: String(BigInt(batch.records.at(-1)?.offset ?? '-1') + 1n) });

describe('in-memory transactions', () => {
  it('a committed transaction makes its records and the consumer offsets visible together; an aborted one neither', async () => {
    const { cluster, driver, producer } = await setUp();
    await producer.send(INPUT, ['a', 'b', 'poison', 'c'].map((v) => ({ key: null, value: Buffer.from(v) })));
    const consumer: KafkaConsumer = driver.consumer({ groupId: 'app', topics: [INPUT], commitOffsets: 'transaction' });
    const transactions = consumer.transactionalProducer('app.input.0');
    await transactions.connect();
    let attempts = 0;
    await consumer.run(async (batch) => {
      attempts++;
      // The first attempt writes half its output and fails: none of it may be seen.
      await transactions.transaction(async (out) => {
        for (const r of batch.records) {
          await send(out, `${r.value?.toString() ?? ''}!`);
          if (attempts === 1 && r.value?.toString() === 'poison') throw new Error('sink down');
        }
      }, nextOffset(batch));
    });
    await until('the output committed', () => cluster.committedOffset('app', tp0) === '4');
    await consumer.disconnect();
    assert.equal(attempts, 2);
    assert.deepEqual(await values(driver, OUTPUT), ['a!', 'b!', 'poison!', 'c!']);

    // Another group reading the output sees the same committed records, past the aborted ones and the markers.
    const { reader, read } = await outputReader(driver, 'reader');
    await until('the reader', () => read.length === 4);
    await reader.disconnect();
    assert.deepEqual(read.map((r) => r.value?.toString()), ['a!', 'b!', 'poison!', 'c!']);
    assert.deepEqual(read.map((r) => r.offset), ['4', '5', '6', '7'], 'the aborted records and their marker keep offsets 0 to 3');
  });

  it('a consumer sees nothing past an open transaction until it ends, and readPartition waits for it', async () => {
    const { cluster, driver, producer } = await setUp();
    const transactions = await connected(driver, 'writer');
    const held = gate();
    const open = transactions.transaction(async (out) => {
      await send(out, 'in-transaction');
      await held.opened;
    }, { topic: INPUT, partition: 0, offset: '0' });
    await until('the transaction’s record appended', () => cluster.log(OUTPUT, 0).end === 1n);
    await send(producer, 'after');

    const { reader, read } = await outputReader(driver, 'reader');
    const texts = () => read.map((r) => r.value?.toString() ?? '');
    let restored: string[] | undefined;
    void values(driver, OUTPUT).then((v) => { restored = v; });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual({ read: texts(), restored }, { read: [], restored: undefined }, 'the open transaction holds back even the record after it');

    held.open();
    await open;
    await until('the reader caught up', () => read.length === 2 && restored !== undefined);
    assert.deepEqual({ read: texts(), restored }, { read: ['in-transaction', 'after'], restored: ['in-transaction', 'after'] });
    await reader.disconnect();
  });

  it('a newer producer of the same id fences the older one: its transaction fails and its records are never read', async () => {
    const { cluster, driver } = await setUp();
    const zombie = await connected(driver, 'app.input.0');
    const midway = gate();
    const zombieWork = zombie.transaction(async (out) => {
      await send(out, 'zombie-1');
      midway.open();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await send(out, 'zombie-2');
    }, { topic: INPUT, partition: 0, offset: '5' });
    await midway.opened;
    const owner = await connected(driver, 'app.input.0');
    await assert.rejects(zombieWork, ProducerFencedError);
    await assert.rejects(zombie.transaction(() => Promise.resolve(), { topic: INPUT, partition: 0, offset: '6' }), (e) => e instanceof ProducerFencedError && e.code === 'KAFKA_PRODUCER_FENCED' && !e.retriable);

    await owner.transaction((out) => send(out, 'owner'), { topic: INPUT, partition: 0, offset: '3' });
    assert.deepEqual(await values(driver, OUTPUT), ['owner']);
    assert.equal(cluster.committedOffset('app', tp0), '3');
  });

  it('a transaction open longer than the timeout is aborted and its producer fenced', async () => {
    const { driver } = await setUp({ transactionTimeoutMs: 10 });
    const slow = await connected(driver, 'slow');
    const work = slow.transaction(async (out) => {
      await send(out, 'too late');
      await new Promise((resolve) => setTimeout(resolve, 40));
    }, { topic: INPUT, partition: 0, offset: '1' });
    await assert.rejects(work, ProducerFencedError);
    assert.deepEqual(await values(driver, OUTPUT), []);
  });
});
