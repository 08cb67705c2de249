import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { readSchemaFile, schemaFileNames } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import type { SchemaName } from '../../../schemas/types/schema-values.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { deleteTopic, startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const names = schemaFileNames() as SchemaName[];
// avsc's records are class instances: compare them as JSON, bytes as hex.
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isBufferJson(v) ? Buffer.from(v.data).toString('hex') : v)));
const isBufferJson = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
const roundTripped = (name: SchemaName): unknown => {
  const schema = readSchemaFile(name);
  return plain(schema.type.fromBuffer(schema.type.toBuffer(sampleRecords[name])));
};

describe('@confluentinc/schemaregistry (Confluent\'s JavaScript serdes) against our registry', () => {
  const registryTopic = uniqueName('_schemas');
  let server: RegistryServer;
  let confluent: SchemaRegistryClient;
  let ours: AvroSerde;
  const topicOf = (name: string) => `interop-js.${name}`;

  before(async () => {
    server = await startTestRegistry(registryTopic);
    confluent = new SchemaRegistryClient({ baseURLs: [server.url] });
    ours = new AvroSerde(new HttpSchemaRegistryClient({ url: server.url }));
  });

  after(async () => {
    await server.close();
    await deleteTopic(registryTopic);
  });

  it('registers every schema, finds the id we find, and reads back the text we wrote', async () => {
    for (const name of names) {
      const schema = readSchemaFile(name);
      const subject = subjectName(topicOf(name), 'value');
      const id = await confluent.register(subject, { schemaType: 'AVRO', schema: schema.text });
      assert.equal(await ours.schemaId(subject, schema), id, name);
      const latest = await confluent.getLatestSchemaMetadata(subject);
      assert.equal(latest.id, id);
      assert.deepEqual(JSON.parse(latest.schema), JSON.parse(schema.text));
      assert.deepEqual(JSON.parse((await confluent.getBySubjectAndId(subject, id)).schema), JSON.parse(schema.text));
    }
  });

  it('Confluent\'s AvroSerializer writes the bytes our AvroSerde writes, and ours decodes them', async () => {
    for (const name of names) {
      const topic = topicOf(name);
      const serializer = new AvroSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true });
      const theirs = await serializer.serialize(topic, sampleRecords[name]);
      const mine = await ours.serialize(subjectName(topic, 'value'), readSchemaFile(name), sampleRecords[name]);
      assert.equal(theirs.toString('hex'), mine.toString('hex'), `${name}: same framing, id and Avro body`);
      const fresh = new AvroSerde(new HttpSchemaRegistryClient({ url: server.url }));
      assert.deepEqual(plain(await fresh.deserialize(theirs, readSchemaFile(name))), roundTripped(name), name);
    }
  });

  it('Confluent\'s AvroDeserializer decodes what our AvroSerde writes, keys included', async () => {
    const deserializer = new AvroDeserializer(confluent, SerdeType.VALUE, {});
    for (const name of names) {
      const bytes = await ours.serialize(subjectName(topicOf(name), 'value'), readSchemaFile(name), sampleRecords[name]);
      assert.deepEqual(plain(await deserializer.deserialize(topicOf(name), bytes)), roundTripped(name), name);
    }
    const keyBytes = await ours.serialize(subjectName(topicOf('sales-order'), 'key'), KEY_SCHEMA, 'ORD0082999');
    const keys = new AvroDeserializer(confluent, SerdeType.KEY, {});
    assert.equal(await keys.deserialize(topicOf('sales-order'), keyBytes), 'ORD0082999');
  });
});
