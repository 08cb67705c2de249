import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import avro from 'avsc';
import { SchemaMismatchError, SchemaRegistryError, WireFormatError } from '../../../../errors/index.ts';
import { parseAvroSchema, type AvroSchema } from '../../../../schemas/avro-schema.ts';
import { KEY_FIELDS, KEY_SCHEMA } from '../../../../schemas/record-keys.ts';
import { readSchemaFile, readSchemaJson } from '../../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../../schemas/serde/in-memory-schema-registry.ts';
import { subjectName } from '../../../../schemas/serde/subject-name.ts';
import type { SchemaName } from '../../../../schemas/types/schema-values.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const v1 = readSchemaFile('sales-order');
const order = sampleRecords['sales-order'];
const subject = subjectName('orders.raw', 'value');

/** sales-order.avsc changed by `change`, as a later version of the file would be. */
function salesOrderVersion(change: (json: { fields: Record<string, unknown>[] }) => void): AvroSchema<unknown> {
  const json = structuredClone(readSchemaJson('sales-order')) as unknown as { fields: Record<string, unknown>[] };
  change(json);
  return parseAvroSchema(JSON.stringify(json));
}

const v2 = salesOrderVersion((json) => {
  json.fields.push({ name: 'gift_message', type: ['null', 'string'], default: null, doc: 'Message printed on the gift slip' });
});

const plain = (value: unknown): unknown => structuredClone(value);

/** Counts what the serde asks the registry, to show that it asks once per id. */
class CountingRegistry extends InMemorySchemaRegistry {
  getByIdCalls = 0;
  failNextGetById = false;

  override getById(id: number): Promise<string> {
    this.getByIdCalls++;
    if (this.failNextGetById) {
      this.failNextGetById = false;
      return Promise.reject(new SchemaRegistryError(503, 50003, 'Error while forwarding the request to the leader'));
    }
    return super.getById(id);
  }
}

describe('AvroSerde', () => {
  it('round-trips every schema file as <topic>-value with its string key as <topic>-key', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    for (const [name, sample] of Object.entries(sampleRecords) as [SchemaName, unknown][]) {
      const schema = readSchemaFile(name) as AvroSchema<unknown>;
      const value = await serde.serialize(subjectName(name, 'value'), schema, sample);
      assert.deepStrictEqual(plain(await serde.deserialize(value, schema)), plain(sample), name);
    }
    for (const [name, field] of Object.entries(KEY_FIELDS)) {
      const key = String((sampleRecords[name as keyof typeof KEY_FIELDS] as unknown as Record<string, unknown>)[field]);
      const bytes = await serde.serialize(subjectName(name, 'key'), KEY_SCHEMA, key);
      assert.equal(await serde.deserialize(bytes, KEY_SCHEMA), key);
    }
  });

  it('reads v1 records with a v2 reader that added an optional field: the default applies', async () => {
    const registry = new InMemorySchemaRegistry();
    const producerV1 = new AvroSerde(registry);
    const consumerV2 = new AvroSerde(registry);
    const bytes = await producerV1.serialize(subject, v1, order);
    assert.deepStrictEqual(plain(await consumerV2.deserialize(bytes, v2)), { ...order, gift_message: null });
  });

  it('reads v2 records with a v1 reader: the new field is skipped', async () => {
    const registry = new InMemorySchemaRegistry();
    const producerV2 = new AvroSerde(registry);
    const consumerV1 = new AvroSerde(registry);
    await producerV2.serialize(subject, v1, order);
    const bytes = await producerV2.serialize(subject, v2, { ...order, gift_message: 'Happy birthday' });
    assert.notEqual(bytes.readInt32BE(1), await producerV2.schemaId(subject, v1), 'v2 has its own id');
    assert.deepStrictEqual(plain(await consumerV1.deserialize(bytes, v1)), order);
    assert.equal((await registry.getLatest(subject)).version, 2);
  });

  it('maps an enum symbol the reader does not know to UNKNOWN', async () => {
    const withPaypal = salesOrderVersion((json) => {
      const method = json.fields.find((f) => f.name === 'payment_method')?.type as { symbols: string[] };
      method.symbols.push('PAYPAL');
    });
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const bytes = await serde.serialize(subject, withPaypal, { ...order, payment_method: 'PAYPAL' });
    assert.equal((await serde.deserialize(bytes, v1)).payment_method, 'UNKNOWN');
  });

  it('fetches each writer schema once and builds one resolver per writer and reader', async () => {
    const registry = new CountingRegistry();
    const producer = new AvroSerde(registry);
    const fromV1 = await producer.serialize(subject, v1, order);
    const fromV2 = await producer.serialize(subject, v2, { ...order, gift_message: null });
    const reader = parseAvroSchema(v2.text);
    // avsc freezes its types, so the spy sits on the prototype and counts calls on this reader.
    const createResolver = mock.method(avro.Type.prototype, 'createResolver');
    const consumer = new AvroSerde(registry);
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => consumer.deserialize(i % 2 === 0 ? fromV1 : fromV2, reader)));
    } finally {
      createResolver.mock.restore();
    }
    const resolvers = createResolver.mock.calls.filter((call) => call.this === reader.type).length;
    assert.equal(registry.getByIdCalls, 2);
    assert.equal(resolvers, 1, 'the v2 writer needs no resolver for a v2 reader');
  });

  it('asks the registry again after a failed fetch instead of caching the failure', async () => {
    const registry = new CountingRegistry();
    const bytes = await new AvroSerde(registry).serialize(subject, v1, order);
    const consumer = new AvroSerde(registry);
    registry.failNextGetById = true;
    await assert.rejects(consumer.deserialize(bytes, v1), (error: unknown) => error instanceof SchemaRegistryError && error.retriable);
    assert.deepStrictEqual(plain(await consumer.deserialize(bytes, v1)), order);
  });

  it('fails with typed errors for an unknown schema id, a bad magic byte and a corrupt body', async () => {
    const where = { topic: 'orders.raw', partition: 0, offset: '7' };
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const unknownId = Buffer.from([0, 0, 0, 0x30, 0x39, 2, 0x41]);
    await assert.rejects(serde.deserialize(unknownId, v1, where), (error: unknown) => {
      assert.ok(error instanceof WireFormatError);
      assert.equal(error.code, 'UNKNOWN_SCHEMA_ID');
      assert.equal(error.schemaId, 12345);
      assert.deepEqual(error.location, where);
      return true;
    });
    await assert.rejects(serde.deserialize(Buffer.from('ORD0082999'), v1, where), { code: 'BAD_MAGIC_BYTE' });
    const bytes = await serde.serialize(subject, v1, order);
    await assert.rejects(serde.deserialize(bytes.subarray(0, bytes.length - 4), v1, where), { code: 'BAD_AVRO_BODY', location: where });
  });

  it('refuses to read a writer schema the reader cannot resolve', async () => {
    const needsCoupon = salesOrderVersion((json) => {
      json.fields.push({ name: 'coupon', type: 'string', doc: 'Coupon code, required and without default' });
    });
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const bytes = await serde.serialize(subject, v1, order);
    await assert.rejects(serde.deserialize(bytes, needsCoupon), (error: unknown) => {
      assert.ok(error instanceof SchemaMismatchError);
      assert.equal(error.code, 'INCOMPATIBLE_SCHEMA');
      return true;
    });
  });

  it('without autoRegister, only encodes with a schema the subject already holds', async () => {
    const registry = new InMemorySchemaRegistry();
    const strict = new AvroSerde(registry, { autoRegister: false });
    await assert.rejects(strict.serialize(subject, v1, order), { code: 'SCHEMA_REGISTRY_40403' });
    const id = await registry.register(subject, v1.text);
    assert.equal((await strict.serialize(subject, v1, order)).readInt32BE(1), id);
    assert.equal(await registry.register('orders.replayed-value', v1.text), id, 'ids are global across subjects');
  });
});
