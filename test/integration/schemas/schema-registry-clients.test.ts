import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Secret } from '../../../config/index.ts';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { deleteTopic, startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const v1 = {
  type: 'record' as const,
  name: 'Review',
  namespace: 'shelfstream',
  fields: [
    { name: 'asin', type: 'string' },
    { name: 'rating', type: 'int' },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'verified', type: 'boolean', default: false }] };
const avro = (schema: object) => ({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }) as const;

describe('@kafkajs/confluent-schema-registry against our registry', () => {
  const topic = uniqueName('_schemas');
  let server: RegistryServer;
  let client: SchemaRegistry;

  before(async () => {
    server = await startTestRegistry(topic, { basicAuth: { user: 'app', password: new Secret('app-secret') } });
    client = new SchemaRegistry({ host: server.url, auth: { username: 'app', password: 'app-secret' } });
  });

  after(async () => {
    await server.close();
    await deleteTopic(topic);
  });

  it('registers, encodes in the wire format and decodes', async () => {
    const { id } = await client.register(avro(v1), { subject: 'reviews-value' });
    const review = { asin: 'B00TEST001', rating: 5 };
    const encoded = await client.encode(id, review);
    assert.equal(encoded[0], 0, 'magic byte');
    assert.equal(encoded.readInt32BE(1), id);
    assert.deepEqual({ ...(await client.decode(encoded)) }, review);
    // A client with an empty cache fetches the writer's schema by id.
    const fresh = new SchemaRegistry({ host: server.url, auth: { username: 'app', password: 'app-secret' } });
    assert.deepEqual({ ...(await fresh.decode(encoded)) }, review);
  });

  it('evolves a subject: v2 readers read v1 data, lookups find both ids', async () => {
    const id1 = await client.getLatestSchemaId('reviews-value');
    const { id: id2 } = await client.register(avro(v2), { subject: 'reviews-value' });
    assert.notEqual(id2, id1);
    assert.equal(await client.getLatestSchemaId('reviews-value'), id2);
    assert.equal(await client.getRegistryId('reviews-value', 1), id1);
    assert.equal(await client.getRegistryIdBySchema('reviews-value', avro(v1)), id1);
    const old = await client.encode(id1, { asin: 'B00TEST002', rating: 3 });
    const read = (await client.decode(old, { [SchemaType.AVRO]: { readerSchema: v2 } })) as Record<string, unknown>;
    assert.deepEqual({ ...read }, { asin: 'B00TEST002', rating: 3, verified: false });
    const fresh = await client.encode(id2, { asin: 'B00TEST003', rating: 4, verified: true });
    assert.deepEqual({ ...(await client.decode(fresh)) }, { asin: 'B00TEST003', rating: 4, verified: true });
  });

  it('gets a 409 for an incompatible schema', async () => {
    const breaking = { ...v2, fields: [...v2.fields, { name: 'title', type: 'string' }] };
    await assert.rejects(client.register(avro(breaking), { subject: 'reviews-value' }), (error: Error & { status?: number }) => {
      assert.equal(error.status, 409);
      assert.match(error.message, /incompatible with an earlier schema for subject "reviews-value"/);
      return true;
    });
  });

  it('registers and uses a schema with references', async () => {
    const address = { type: 'record', name: 'Address', namespace: 'shelfstream', fields: [{ name: 'city', type: 'string' }] };
    const { id: addressId } = await client.register(avro(address), { subject: 'address-value' });
    const customer = {
      type: 'record',
      name: 'Customer',
      namespace: 'shelfstream',
      fields: [
        { name: 'name', type: 'string' },
        { name: 'home', type: 'shelfstream.Address' },
      ],
    };
    const references = [{ name: 'shelfstream.Address', subject: 'address-value', version: 1 }];
    const { id } = await client.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(customer), references },
      { subject: 'customer-value' },
    );
    assert.notEqual(id, addressId);
    const value = { name: 'Ada', home: { city: 'London' } };
    const fresh = new SchemaRegistry({ host: server.url, auth: { username: 'app', password: 'app-secret' } });
    const decoded = (await fresh.decode(await client.encode(id, value))) as { name: string; home: { city: string } };
    assert.deepEqual({ name: decoded.name, home: { ...decoded.home } }, value);
  });
});
