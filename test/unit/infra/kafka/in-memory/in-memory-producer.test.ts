import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Partitioners } from 'kafkajs';
import { KafkaClientError } from '../../../../../errors/index.ts';
import { InMemoryCluster } from '../../../../../infra/kafka/in-memory/in-memory-cluster.ts';
import { createInMemoryDriver } from '../../../../../infra/kafka/in-memory/in-memory-driver.ts';
import type { IncomingRecord, KafkaDriver } from '../../../../../infra/kafka/kafka-driver.ts';

const readAll = async (driver: KafkaDriver, topic: string, partition: number): Promise<IncomingRecord[]> => {
  const records: IncomingRecord[] = [];
  await driver.readPartition(topic, partition, (batch) => records.push(...batch));
  return records;
};

async function withTopic(partitions: number): Promise<{ driver: KafkaDriver; cluster: InMemoryCluster }> {
  const cluster = new InMemoryCluster({ now: () => 1_700_000_000_000 });
  const driver = createInMemoryDriver(cluster);
  const admin = await driver.admin();
  await admin.createTopics([{ topic: 'orders', partitions }]);
  await admin.close();
  return { driver, cluster };
}

describe('in-memory producer and admin', () => {
  it('puts keyed records on the partition Kafka’s default partitioner picks, with increasing offsets per partition', async () => {
    const { driver } = await withTopic(6);
    const keys = ['ORD-0000001', 'ORD-0000002', 'Electronics|India', 'Toys & Games|UK', 'a', 'ключ'];
    const producer = driver.producer();
    await producer.connect();
    for (const key of keys) await producer.send('orders', [{ key: Buffer.from(key), value: Buffer.from(`v-${key}`) }, { key: Buffer.from(key), value: Buffer.from(`w-${key}`) }]);
    await producer.disconnect();

    const kafka = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    const expected = new Map(keys.map((key) => [key, kafka({ topic: 'orders', partitionMetadata, message: { key: Buffer.from(key), value: null } })]));
    for (let p = 0; p < 6; p++) {
      const records = await readAll(driver, 'orders', p);
      assert.deepEqual(records.map((r) => r.offset), records.map((_, i) => String(i)), `offsets of partition ${p}`);
      for (const r of records) assert.equal(expected.get(r.key?.toString() ?? ''), p, `partition of ${r.key?.toString() ?? 'null'}`);
    }
    const all = (await Promise.all([0, 1, 2, 3, 4, 5].map((p) => readAll(driver, 'orders', p)))).flat();
    assert.equal(all.length, keys.length * 2);
    // Records of one key keep their order: both land on one partition, v before w.
    for (const key of keys) assert.deepEqual(all.filter((r) => r.key?.toString() === key).map((r) => r.value?.toString()), [`v-${key}`, `w-${key}`]);
  });

  it('keeps values, null keys, explicit partitions, timestamps, and string headers as bytes', async () => {
    const { driver } = await withTopic(3);
    const producer = driver.producer();
    await producer.connect();
    await producer.send('orders', [
      { key: null, value: Buffer.from('explicit'), partition: 2, timestamp: 42, headers: { source: 'replay', raw: Buffer.from([0, 1, 2]) } },
      { key: Buffer.from('k'), value: null, partition: 2 },
    ]);
    const spread = Array.from({ length: 30 }, (_, i) => ({ key: null, value: Buffer.from(String(i)) }));
    await producer.send('orders', spread);
    await producer.disconnect();

    const [first, tombstone] = await readAll(driver, 'orders', 2);
    assert.deepEqual(
      { value: first?.value?.toString(), key: first?.key, timestamp: first?.timestamp, source: first?.headers.source, raw: first?.headers.raw },
      { value: 'explicit', key: null, timestamp: 42, source: Buffer.from('replay'), raw: Buffer.from([0, 1, 2]) },
    );
    assert.deepEqual({ key: tombstone?.key?.toString(), value: tombstone?.value, timestamp: tombstone?.timestamp }, { key: 'k', value: null, timestamp: 1_700_000_000_000 });
    const spreadPerPartition = await Promise.all([0, 1, 2].map(async (p) => (await readAll(driver, 'orders', p)).filter((r) => /^\d+$/.test(r.value?.toString() ?? '')).length));
    // Records with neither key nor partition go round robin.
    assert.deepEqual(spreadPerPartition, [10, 10, 10]);
  });

  it('refuses a send to a topic or partition that does not exist, and a send before connect', async () => {
    const { driver } = await withTopic(2);
    const producer = driver.producer();
    await assert.rejects(producer.send('orders', [{ key: null, value: null }]), (e) => e instanceof KafkaClientError && e.code === 'KAFKA_NOT_CONNECTED');
    await producer.connect();
    await assert.rejects(producer.send('missing', [{ key: null, value: null }]), (e) => e instanceof KafkaClientError && e.code === 'KAFKA_UNKNOWN_TOPIC_OR_PARTITION');
    await assert.rejects(producer.send('orders', [{ key: null, value: Buffer.from('ok'), partition: 0 }, { key: null, value: null, partition: 2 }]), KafkaClientError);
    assert.equal((await readAll(driver, 'orders', 0)).length, 0, 'a refused send appends nothing');
  });

  it('creates only missing topics, lists, deletes and describes the cluster', async () => {
    const { driver, cluster } = await withTopic(2);
    const producer = driver.producer();
    await producer.connect();
    await producer.send('orders', [{ key: null, value: Buffer.from('kept'), partition: 1 }]);
    const admin = await driver.admin();
    await admin.createTopics([{ topic: 'orders', partitions: 5 }, { topic: 'revenue', partitions: 1 }]);
    assert.deepEqual((await admin.listTopics()).sort(), ['orders', 'revenue']);
    assert.equal(cluster.partitionCount('orders'), 2);
    assert.deepEqual((await readAll(driver, 'orders', 1)).map((r) => r.value?.toString()), ['kept']);
    await admin.deleteTopics(['revenue']);
    assert.deepEqual(await admin.listTopics(), ['orders']);
    await assert.rejects(admin.deleteTopics(['revenue']), KafkaClientError);
    assert.deepEqual(await admin.describeCluster(), { clusterId: cluster.clusterId, brokers: [1] });
    await admin.close();
  });

  it('reads a partition up to its end as of the call, not what is appended while reading', async () => {
    const { driver } = await withTopic(1);
    const producer = driver.producer();
    await producer.connect();
    await producer.send('orders', Array.from({ length: 1200 }, (_, i) => ({ key: null, value: Buffer.from(String(i)) })));
    const seen: string[] = [];
    let chunks = 0;
    await driver.readPartition('orders', 0, (records) => {
      chunks++;
      seen.push(...records.map((r) => r.value?.toString() ?? ''));
      if (chunks === 1) void producer.send('orders', [{ key: null, value: Buffer.from('later') }]);
    });
    assert.equal(seen.length, 1200);
    assert.deepEqual(seen.slice(0, 3), ['0', '1', '2']);
    assert.ok(chunks > 1, 'handed over in chunks');
    await assert.rejects(driver.readPartition('orders', 1, () => undefined), KafkaClientError);
  });
});
