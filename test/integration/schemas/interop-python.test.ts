import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { readSchemaFile, schemaFileNames } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import type { SchemaName } from '../../../schemas/types/schema-values.ts';
import { readTopic } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { sampleOrders } from '../../support/sample-orders.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { deleteTopic, startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const names = schemaFileNames() as SchemaName[];
const orderSchema = readSchemaFile('sales-order');

/** Values as the Python script reads and prints them: bytes as {"$bytes": hex}. */
const toWire = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isBufferJson(v) ? { $bytes: Buffer.from(v.data).toString('hex') } : v)));
const isBufferJson = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
/** What a value becomes after one Avro encoding (floats narrowed to 32 bits), in the wire shape. */
const encodedOnce = (name: SchemaName, value: unknown = sampleRecords[name]): unknown => {
  const type = readSchemaFile(name).type;
  return toWire(type.fromBuffer(type.toBuffer(value)));
};

// The venv is built from pinned requirements on first use (a minute on a fresh machine), then reused.
function setUpPython(): string {
  const setup = spawnSync('bash', [repoPath('test/interop/setup-venv.sh')], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(setup.status, 0, `test/interop/setup-venv.sh failed:\n${setup.stderr}`);
  return setup.stdout.trim();
}

describe('Confluent\'s Python client (confluent-kafka AvroSerializer/AvroDeserializer) against our registry and Kafka', () => {
  const registryTopic = uniqueName('_schemas');
  const topics: string[] = [];
  const driver = createKafkaDriver(config, 'kafkajs');
  let pythonBin: string;
  let server: RegistryServer;
  let ours: AvroSerde;

  /** Runs test/interop/confluent_avro.py with JSON or hex lines on stdin; resolves to its stdout lines. */
  const python = (args: readonly string[], input: readonly string[]): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const child = spawn(pythonBin, [repoPath('test/interop/confluent_avro.py'), ...args, '--registry', server.url], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const guard = setTimeout(() => child.kill('SIGKILL'), 180_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(guard);
        if (code === 0) resolve(stdout.split('\n').filter((l) => l.length > 0));
        else reject(new Error(`confluent_avro.py ${args[0] ?? ''} exited ${code}:\n${stderr}`));
      });
      child.stdin.end(input.map((l) => `${l}\n`).join(''));
    });

  const freshSerde = () => new AvroSerde(new HttpSchemaRegistryClient({ url: server.url }));

  before(async () => {
    pythonBin = setUpPython();
    server = await startTestRegistry(registryTopic);
    ours = freshSerde();
  });

  after(async () => {
    await server.close();
    const admin = await driver.admin();
    try {
      await admin.deleteTopics(topics);
    } finally {
      await admin.close();
    }
    await deleteTopic(registryTopic);
  });

  it('Python registers and serializes every schema: the same id and bytes as ours, and our AvroSerde decodes them', async () => {
    for (const name of names) {
      const subject = `interop-py.${name}-value`;
      const [hex] = await python(['serialize', '--subject', subject, '--schema', repoPath(`schemas/avro/${name}.avsc`)], [
        JSON.stringify(toWire(sampleRecords[name])),
      ]);
      const theirs = Buffer.from(hex ?? '', 'hex');
      const mine = await ours.serialize(subject, readSchemaFile(name), sampleRecords[name]);
      assert.equal(theirs.toString('hex'), mine.toString('hex'), `${name}: same framing, id and Avro body`);
      assert.deepEqual(toWire(await freshSerde().deserialize(theirs, readSchemaFile(name))), encodedOnce(name), name);
    }
  });

  it('Python\'s AvroDeserializer decodes what our AvroSerde writes, fetching writer schemas by id', async () => {
    const framed: string[] = [];
    for (const name of names) framed.push((await ours.serialize(`interop-ours.${name}-value`, readSchemaFile(name), sampleRecords[name])).toString('hex'));
    const decoded = await python(['deserialize'], framed);
    assert.equal(decoded.length, names.length);
    names.forEach((name, i) => {
      assert.deepEqual(JSON.parse(decoded[i] ?? 'null'), encodedOnce(name), name);
    });
  });

  it('Kafka: Python\'s Producer with AvroSerializer writes; our kafkajs driver reads and our AvroSerde decodes', async () => {
    const topic = uniqueName('it_interop_py_produced');
    topics.push(topic);
    const admin = await driver.admin();
    await admin.createTopics([{ topic, partitions: 1 }]).finally(() => admin.close());
    const orders = sampleOrders(5, 'PYPROD');
    const [summary] = await python(['produce', '--bootstrap', config.kafka.brokers.join(','), '--topic', topic, '--schema', repoPath('schemas/avro/sales-order.avsc')],
      orders.map((o) => JSON.stringify({ key: o.order_id, value: toWire(o) })));
    assert.deepEqual(JSON.parse(summary ?? '{}'), { produced: orders.length });

    const records = await readTopic(driver, topic, 1);
    const reader = freshSerde();
    const read = [];
    for (const r of records) {
      assert.ok(r.key !== null && r.value !== null);
      read.push({ key: await reader.deserialize(r.key, KEY_SCHEMA), value: toWire(await reader.deserialize(r.value, orderSchema)) });
    }
    assert.deepEqual(read, orders.map((o) => ({ key: o.order_id, value: encodedOnce('sales-order', o) })));
  });

  it('Kafka: our kafkajs driver and AvroSerde write; Python\'s DeserializingConsumer with AvroDeserializer reads', async () => {
    const topic = uniqueName('it_interop_py_consumed');
    topics.push(topic);
    const admin = await driver.admin();
    await admin.createTopics([{ topic, partitions: 1 }]).finally(() => admin.close());
    const orders = sampleOrders(5, 'JSPROD');
    const producer = driver.producer();
    await producer.connect();
    try {
      const records = [];
      for (const o of orders) {
        records.push({
          key: await ours.serialize(subjectName(topic, 'key'), KEY_SCHEMA, o.order_id),
          value: await ours.serialize(subjectName(topic, 'value'), orderSchema, o),
        });
      }
      await producer.send(topic, records);
    } finally {
      await producer.disconnect();
    }
    const lines = await python(
      ['consume', '--bootstrap', config.kafka.brokers.join(','), '--topic', topic, '--group', uniqueName('it_interop_py'), '--count', String(orders.length)],
      [],
    );
    assert.deepEqual(lines.map((l) => JSON.parse(l) as unknown), orders.map((o) => ({ key: o.order_id, value: encodedOnce('sales-order', o) })));
  });
});
