import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryCluster } from '../../../../../infra/kafka/in-memory/in-memory-cluster.ts';
import { createInMemoryDriver } from '../../../../../infra/kafka/in-memory/in-memory-driver.ts';
import type { ConsumerOptions, KafkaConsumer, KafkaDriver, RecordBatch, TopicPartition } from '../../../../../infra/kafka/kafka-driver.ts';
import { gate } from '../../../../support/gate.ts';
import { until } from '../../../../support/in-memory-stack.ts';

const TOPIC = 'events';

async function setUp(partitions: number, options: Parameters<typeof createInMemoryDriver>[1] = {}) {
  const cluster = new InMemoryCluster();
  const driver = createInMemoryDriver(cluster, options);
  const admin = await driver.admin();
  await admin.createTopics([{ topic: TOPIC, partitions }]);
  const producer = driver.producer();
  await producer.connect();
  /** `count` records per partition, valued `p<partition>-<n>` counting on from what was sent before. */
  const sent = new Map<number, number>();
  const produce = async (count: number) => {
    for (let p = 0; p < partitions; p++) {
      const from = sent.get(p) ?? 0;
      await producer.send(TOPIC, Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`p${p}-${from + i}`), partition: p })));
      sent.set(p, from + count);
    }
  };
  return { cluster, driver, produce };
}

/** A consumer that records every batch it is handed, running `onBatch` (by default nothing) for each. */
async function consume(
  driver: KafkaDriver,
  options: Partial<ConsumerOptions> = {},
  onBatch: (batch: RecordBatch, consumer: KafkaConsumer) => Promise<void> = () => Promise.resolve(),
) {
  const batches: RecordBatch[] = [];
  const revoked: TopicPartition[][] = [];
  const assigned: number[][] = [];
  const errors: unknown[] = [];
  const consumer: KafkaConsumer = driver.consumer({
    groupId: 'group',
    topics: [TOPIC],
    onRevoked: (p) => revoked.push([...p]),
    onAssigned: (p) => assigned.push(p.map((tp) => tp.partition).sort()),
    ...options,
  });
  await consumer.run(async (batch) => {
    await onBatch(batch, consumer);
    batches.push(batch);
  }, (error) => errors.push(error));
  const values = () => batches.flatMap((b) => b.records.map((r) => r.value?.toString() ?? ''));
  const partitions = () => [...new Set(batches.map((b) => b.partition))].sort();
  return { consumer, batches, revoked, assigned, errors, values, partitions };
}

const expectedValues = (partitions: number, perPartition: number): string[] =>
  Array.from({ length: partitions }, (_, p) => Array.from({ length: perPartition }, (_, i) => `p${p}-${i}`)).flat().sort();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-memory consumer', () => {
  it('splits the partitions between members; a joining member gets the revoked ones once their batches finish', async () => {
    const { cluster, driver, produce } = await setUp(4);
    await produce(10);
    const held = gate();
    let holding = false;
    let inHand = 0;
    const first = await consume(driver, {}, async () => {
      if (!holding) return;
      inHand++;
      await held.opened;
    });
    await until('the first member read everything', () => first.values().length === 40);
    assert.deepEqual(first.partitions(), [0, 1, 2, 3]);

    holding = true;
    await produce(5);
    await until('a batch of every partition in hand', () => inHand === 4);
    const second = await consume(driver);
    await pause(20);
    assert.deepEqual({ revoked: first.revoked, read: second.values() }, { revoked: [], read: [] }, 'nothing moves while the batches are in hand');

    held.open();
    holding = false;
    await until('the revocation', () => first.revoked.length === 1);
    const revoked = (first.revoked[0] ?? []).map((p) => p.partition).sort();
    assert.equal(revoked.length, 2);
    await produce(5);
    await until('every record read', () => first.values().length + second.values().length === 4 * 20);
    assert.deepEqual(second.partitions(), revoked);
    assert.deepEqual(second.assigned.at(-1), revoked, 'the joiner is told what it owns');
    assert.deepEqual(first.assigned.at(-1), [0, 1, 2, 3].filter((p) => !revoked.includes(p)), 'and so is the member that kept the rest');
    assert.deepEqual([...first.values(), ...second.values()].sort(), expectedValues(4, 20), 'every record once: the joiner starts at the committed offsets');
    await first.consumer.disconnect();
    await produce(5);
    await until('the remaining member took every partition', () => second.partitions().length === 4);
    await until('every record read', () => first.values().length + second.values().length === 4 * 25);
    assert.deepEqual([...first.values(), ...second.values()].sort(), expectedValues(4, 25));
    await second.consumer.disconnect();
    assert.deepEqual(cluster.group('group').members, []);
  });

  it('runs one batch of a partition at a time, other partitions meanwhile', async () => {
    const { driver, produce } = await setUp(2, { maxBatchRecords: 3 });
    const held = gate();
    const running = new Map<number, number>();
    let overlap = false;
    const member = await consume(driver, {}, async (batch) => {
      const now = (running.get(batch.partition) ?? 0) + 1;
      running.set(batch.partition, now);
      overlap ||= now > 1;
      if (batch.partition === 0) await held.opened;
      running.set(batch.partition, now - 1);
    });
    await produce(9);
    await until('partition 1 read while partition 0 waits', () => member.values().length === 9);
    assert.deepEqual(member.partitions(), [1]);
    assert.equal(member.batches.length, 3, 'batches of at most maxBatchRecords');
    held.open();
    await until('partition 0 read', () => member.values().length === 18);
    assert.equal(overlap, false);
    await member.consumer.disconnect();
  });

  it('commits after each batch: a member of the same group resumes at the committed offset', async () => {
    const { cluster, driver, produce } = await setUp(1);
    await produce(10);
    const first = await consume(driver);
    await until('ten records read', () => first.values().length === 10);
    await first.consumer.disconnect();
    assert.equal(cluster.committedOffset('group', { topic: TOPIC, partition: 0 }), '10');

    await produce(5);
    const second = await consume(driver);
    await until('the new records read', () => second.values().length === 5);
    assert.deepEqual(second.batches.flatMap((b) => b.records.map((r) => r.offset)), ['10', '11', '12', '13', '14']);
    assert.equal(second.batches[0]?.highWatermark, '15');
    await second.consumer.disconnect();

    const other = await consume(driver, { groupId: 'other' });
    const latest = await consume(driver, { groupId: 'latest', fromBeginning: false });
    await until('a new group read from the beginning', () => other.values().length === 15);
    await produce(2);
    await until('a group from the end read only what came after it joined', () => latest.values().length === 2 && other.values().length === 17);
    assert.deepEqual(latest.values(), ['p0-15', 'p0-16']);
    await Promise.all([other.consumer.disconnect(), latest.consumer.disconnect()]);
  });

  it('a topic deleted under a member is revoked; created again, it is read from its start', async () => {
    const { cluster, driver, produce } = await setUp(1);
    await produce(3);
    const member = await consume(driver);
    await until('the records read', () => member.values().length === 3);
    const admin = await driver.admin();
    await admin.deleteTopics([TOPIC]);
    await until('the revocation', () => member.revoked.length === 1);
    await admin.createTopics([{ topic: TOPIC, partitions: 1 }]);
    const producer = driver.producer();
    await producer.connect();
    await producer.send(TOPIC, [{ key: null, value: Buffer.from('again') }]);
    await until('the new topic read', () => member.values().length === 4);
    assert.deepEqual(member.batches.at(-1)?.records.map((r) => [r.offset, r.value?.toString()]), [['0', 'again']]);
    assert.equal(cluster.committedOffset('group', { topic: TOPIC, partition: 0 }), '1');
    await member.consumer.disconnect();
  });

  it('disconnect waits for the batch in hand, commits it and leaves the group', async () => {
    const { cluster, driver, produce } = await setUp(1);
    await produce(4);
    const held = gate();
    const member = await consume(driver, {}, () => held.opened);
    await until('the batch in hand', () => cluster.group('group').members.length === 1);
    let disconnected = false;
    const leaving = member.consumer.disconnect().then(() => { disconnected = true; });
    await pause(10);
    assert.equal(disconnected, false);
    held.open();
    await leaving;
    assert.deepEqual({ read: member.values().length, committed: cluster.committedOffset('group', { topic: TOPIC, partition: 0 }), members: cluster.group('group').members }, { read: 4, committed: '4', members: [] });
  });

  it('seek moves a partition’s next batch, asked during a batch or between batches', async () => {
    const { cluster, driver, produce } = await setUp(1, { maxBatchRecords: 4 });
    await produce(10);
    let sought = false;
    const member = await consume(driver, {}, (batch, consumer) => {
      if (!sought) {
        sought = true;
        consumer.seek({ topic: batch.topic, partition: batch.partition }, '7');
      }
      return Promise.resolve();
    });
    await until('the records from the seek on', () => member.values().length === 4 + 3);
    assert.deepEqual(member.batches.map((b) => b.records.map((r) => r.offset)), [['0', '1', '2', '3'], ['7', '8', '9']]);
    assert.equal(cluster.committedOffset('group', { topic: TOPIC, partition: 0 }), '10');
    member.consumer.seek({ topic: TOPIC, partition: 0 }, '2');
    await until('the replay', () => member.values().length === 7 + 8);
    assert.deepEqual(member.values().slice(7), ['p0-2', 'p0-3', 'p0-4', 'p0-5', 'p0-6', 'p0-7', 'p0-8', 'p0-9']);
    await member.consumer.disconnect();
  });

  it('fetches a failed batch again, and after its last attempt stops, leaves the group and reports the error', async () => {
    const { cluster, driver, produce } = await setUp(1, { batchAttempts: 3, retryBackoffMs: 1 });
    await produce(3);
    let failures = 0;
    const flaky = await consume(driver, {}, () => (failures++ === 0 ? Promise.reject(new Error('sink down')) : Promise.resolve()));
    await until('the batch after its retry', () => flaky.values().length === 3);
    assert.equal(failures, 2);
    await flaky.consumer.disconnect();

    await produce(1);
    const broken = await consume(driver, {}, () => Promise.reject(new Error('poison')));
    await until('the error reported', () => broken.errors.length === 1);
    assert.match(String(broken.errors[0]), /poison/);
    assert.deepEqual({ members: cluster.group('group').members, committed: cluster.committedOffset('group', { topic: TOPIC, partition: 0 }) }, { members: [], committed: '3' });
  });
});
