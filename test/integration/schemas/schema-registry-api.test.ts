import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { callRegistry, deleteTopic, dumpRegistry, startTestRegistry, topicEndOffset, type ApiResponse } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const V1_TYPE = 'application/vnd.schemaregistry.v1+json';
const order = (...fields: object[]): string => JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields });
const v1 = order({ name: 'id', type: 'string' });
const v2 = order({ name: 'id', type: 'string' }, { name: 'qty', type: 'int', default: 1 });
const v3Breaking = order({ name: 'id', type: 'string' }, { name: 'qty', type: 'int', default: 1 }, { name: 'note', type: 'string' });

describe('Schema Registry REST API (Confluent-compatible)', () => {
  const topic = uniqueName('_schemas');
  let server: RegistryServer;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse> =>
    callRegistry(server.url, method, path, body, headers);
  const expectError = async (response: Promise<ApiResponse>, status: number, errorCode: number, message?: string) => {
    const { status: actual, body, contentType } = await response;
    assert.equal(actual, status, JSON.stringify(body));
    assert.equal(contentType, V1_TYPE);
    const { error_code, message: text } = body as { error_code: number; message: string };
    assert.equal(error_code, errorCode, text);
    if (message !== undefined) assert.deepEqual(body, { error_code: errorCode, message });
    return text;
  };

  before(async () => {
    server = await startTestRegistry(topic);
  });

  after(async () => {
    await server.close();
    await deleteTopic(topic);
  });

  it("answers the root with {} in Confluent's media type", async () => {
    assert.deepEqual(await call('GET', '/'), { status: 200, contentType: V1_TYPE, body: {} });
    assert.deepEqual(await call('GET', '/subjects'), { status: 200, contentType: V1_TYPE, body: [] });
    assert.deepEqual((await call('GET', '/schemas/types')).body, ['AVRO']);
  });

  it('registers, dedups by canonical form and versions a subject', async () => {
    assert.deepEqual((await call('POST', '/subjects/orders-value/versions', { schema: v1 })).body, { id: 1 });
    assert.deepEqual((await call('POST', '/subjects/orders-value/versions', { schema: v1 })).body, { id: 1 });
    const respaced = JSON.stringify(JSON.parse(v1), null, 2).replace('"type": "record",', '').replace('{', '{"type":"record",');
    assert.deepEqual((await call('POST', '/subjects/orders-value/versions', { schema: respaced, schemaType: 'AVRO' })).body, { id: 1 });
    assert.deepEqual((await call('POST', '/subjects/orders-value/versions', { schema: v2 })).body, { id: 2 });
    assert.deepEqual((await call('GET', '/subjects/orders-value/versions')).body, [1, 2]);

    const latest = { subject: 'orders-value', version: 2, id: 2, schema: v2 };
    for (const version of ['2', 'latest', '-1']) {
      assert.deepEqual(await call('GET', `/subjects/orders-value/versions/${version}`), { status: 200, contentType: V1_TYPE, body: latest });
    }
    assert.deepEqual((await call('GET', '/subjects/orders-value/versions/1/schema')).body, JSON.parse(v1));
    assert.deepEqual((await call('GET', '/schemas/ids/2')).body, { schema: v2 });
    assert.deepEqual((await call('GET', '/schemas/ids/2/schema')).body, JSON.parse(v2));
  });

  it('gives the same schema under another subject the same id', async () => {
    assert.deepEqual((await call('POST', '/subjects/other-value/versions', { schema: v1 })).body, { id: 1 });
    assert.deepEqual((await call('GET', '/schemas/ids/1/subjects')).body, ['orders-value', 'other-value']);
    assert.deepEqual((await call('GET', '/schemas/ids/1/versions')).body, [
      { subject: 'orders-value', version: 1 },
      { subject: 'other-value', version: 1 },
    ]);
    assert.deepEqual((await call('GET', '/subjects')).body, ['orders-value', 'other-value']);
  });

  it('looks a schema up under a subject', async () => {
    assert.deepEqual((await call('POST', '/subjects/orders-value', { schema: v2 })).body, {
      subject: 'orders-value',
      version: 2,
      id: 2,
      schema: v2,
    });
    await expectError(call('POST', '/subjects/orders-value', { schema: v3Breaking }), 404, 40403, 'Schema not found');
    await expectError(call('POST', '/subjects/nobody', { schema: v1 }), 404, 40401, "Subject 'nobody' not found.");
  });

  it('judges compatibility by the subject level, with verbose messages and a 409 on register', async () => {
    assert.deepEqual((await call('POST', '/compatibility/subjects/orders-value/versions/latest', { schema: v3Breaking })).body, {
      is_compatible: false,
    });
    const verbose = await call('POST', '/compatibility/subjects/orders-value/versions/latest?verbose=true', { schema: v3Breaking });
    const difference =
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'note' at path '/fields/2' in the new schema has no default value and is missing in the old schema', additionalInfo:'note'}";
    const messages = [difference, '{oldSchemaVersion: 2}', `{oldSchema: '${v2}'}`, "{validateFields: 'false', compatibility: 'BACKWARD'}"];
    assert.deepEqual(verbose.body, { is_compatible: false, messages });
    assert.deepEqual((await call('POST', '/compatibility/subjects/orders-value/versions?verbose=true', { schema: v2 })).body, {
      is_compatible: true,
      messages: [],
    });
    assert.deepEqual((await call('POST', '/compatibility/subjects/brand-new/versions/latest', { schema: v1 })).body, { is_compatible: true });
    await expectError(call('POST', '/compatibility/subjects/orders-value/versions/7', { schema: v1 }), 404, 40402, 'Version 7 not found.');
    await expectError(
      call('POST', '/subjects/orders-value/versions', { schema: v3Breaking }),
      409,
      409,
      `Schema being registered is incompatible with an earlier schema for subject "orders-value", details: [${messages.join(', ')}]`,
    );
  });

  it('keeps compatibility levels per subject and for the registry', async () => {
    assert.deepEqual((await call('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
    await expectError(
      call('GET', '/config/orders-value'),
      404,
      40408,
      "Subject 'orders-value' does not have subject-level compatibility configured",
    );
    assert.deepEqual((await call('GET', '/config/orders-value?defaultToGlobal=true')).body, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await call('PUT', '/config/orders-value', { compatibility: 'none' })).body, { compatibility: 'NONE' });
    assert.deepEqual((await call('GET', '/config/orders-value')).body, { compatibilityLevel: 'NONE' });
    assert.deepEqual((await call('POST', '/subjects/orders-value/versions', { schema: v3Breaking })).body, { id: 3 });
    assert.deepEqual((await call('DELETE', '/config/orders-value')).body, { compatibilityLevel: 'NONE' });
    await expectError(call('DELETE', '/config/orders-value'), 404, 40401, "Subject 'orders-value' not found.");
    await expectError(
      call('PUT', '/config', { compatibility: 'SIDEWAYS' }),
      422,
      42203,
      'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive',
    );
    assert.deepEqual((await call('PUT', '/config', { compatibility: 'FULL_TRANSITIVE' })).body, { compatibility: 'FULL_TRANSITIVE' });
    assert.deepEqual((await call('DELETE', '/config')).body, { compatibilityLevel: 'FULL_TRANSITIVE' });
    assert.deepEqual((await call('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' });
  });

  it('soft-deletes and permanently deletes versions, with the 4040x codes in between', async () => {
    await expectError(
      call('DELETE', '/subjects/orders-value/versions/3?permanent=true'),
      404,
      40407,
      "Subject 'orders-value' Version 3 was not deleted first before being permanently deleted",
    );
    assert.deepEqual((await call('DELETE', '/subjects/orders-value/versions/3')).body, 3);
    await expectError(
      call('DELETE', '/subjects/orders-value/versions/3'),
      404,
      40406,
      "Subject 'orders-value' Version 3 was soft deleted.Set permanent=true to delete permanently",
    );
    assert.deepEqual((await call('GET', '/subjects/orders-value/versions')).body, [1, 2]);
    assert.deepEqual((await call('GET', '/subjects/orders-value/versions?deleted=true')).body, [1, 2, 3]);
    await expectError(call('GET', '/subjects/orders-value/versions/3'), 404, 40402, 'Version 3 not found.');
    assert.equal((await call('GET', '/subjects/orders-value/versions/3?deleted=true')).status, 200);
    assert.deepEqual((await call('GET', '/schemas/ids/3')).body, { schema: v3Breaking }, 'a soft-deleted schema is found by id');
    assert.deepEqual((await call('DELETE', '/subjects/orders-value/versions/3?permanent=true')).body, 3);
    await expectError(call('GET', '/subjects/orders-value/versions/3?deleted=true'), 404, 40402, 'Version 3 not found.');
    await expectError(call('GET', '/schemas/ids/3'), 404, 40403, 'Schema 3 not found.');
  });

  it('soft-deletes and permanently deletes subjects', async () => {
    await expectError(
      call('DELETE', '/subjects/other-value?permanent=true'),
      404,
      40405,
      "Subject 'other-value' was not deleted first before being permanently deleted",
    );
    assert.deepEqual((await call('DELETE', '/subjects/other-value')).body, [1]);
    await expectError(
      call('DELETE', '/subjects/other-value'),
      404,
      40404,
      "Subject 'other-value' was soft deleted.Set permanent=true to delete permanently",
    );
    assert.deepEqual((await call('GET', '/subjects')).body, ['orders-value']);
    assert.deepEqual((await call('GET', '/subjects?deleted=true')).body, ['orders-value', 'other-value']);
    await expectError(call('GET', '/subjects/other-value/versions'), 404, 40401, "Subject 'other-value' not found.");
    assert.deepEqual((await call('GET', '/schemas/ids/1/subjects')).body, ['orders-value']);
    assert.deepEqual((await call('GET', '/schemas/ids/1/subjects?deleted=true')).body, ['orders-value', 'other-value']);
    assert.deepEqual((await call('DELETE', '/subjects/other-value?permanent=true')).body, [1]);
    assert.deepEqual((await call('GET', '/subjects?deleted=true')).body, ['orders-value']);
    assert.deepEqual((await call('POST', '/subjects/other-value/versions', { schema: v1 })).body, { id: 1 });
    assert.deepEqual((await call('GET', '/subjects/other-value/versions')).body, [1]);
  });

  it('resolves schema references and refuses to delete a referenced version', async () => {
    const address = JSON.stringify({ type: 'record', name: 'Address', namespace: 'shop', fields: [{ name: 'city', type: 'string' }] });
    const customer = JSON.stringify({
      type: 'record',
      name: 'Customer',
      namespace: 'shop',
      fields: [{ name: 'home', type: 'shop.Address' }],
    });
    const references = [{ name: 'shop.Address', subject: 'address-value', version: 1 }];
    const addressId = ((await call('POST', '/subjects/address-value/versions', { schema: address })).body as { id: number }).id;
    const text = await expectError(call('POST', '/subjects/customer-value/versions', { schema: customer }), 422, 42201);
    assert.match(text, /^Invalid schema .*undefined type name: shop\.Address/);
    const customerId = ((await call('POST', '/subjects/customer-value/versions', { schema: customer, references })).body as { id: number })
      .id;
    assert.notEqual(customerId, addressId);
    assert.deepEqual((await call('GET', '/subjects/customer-value/versions/1')).body, {
      subject: 'customer-value',
      version: 1,
      id: customerId,
      references,
      schema: customer,
    });
    assert.deepEqual((await call('GET', '/subjects/address-value/versions/1/referencedby')).body, [customerId]);
    assert.deepEqual((await call('GET', `/schemas/ids/${customerId}`)).body, { references, schema: customer });
    await expectError(
      call('DELETE', '/subjects/address-value/versions/1'),
      422,
      42206,
      'One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=address-value,version=1}.',
    );
    const missing = await expectError(
      call('POST', '/subjects/customer-value/versions', { schema: customer, references: [{ ...references[0], version: 9 }] }),
      422,
      42201,
    );
    assert.match(missing, /reference 'shop.Address' to subject 'address-value' version 9 does not exist/);
  });

  it('normalizes on request, so equivalent spellings are one schema', async () => {
    const spelled = JSON.stringify({ type: 'record', name: 'Item', namespace: 'shop', fields: [{ name: 'sku', type: 'string' }] });
    const qualified = JSON.stringify({ name: 'shop.Item', type: 'record', fields: [{ name: 'sku', type: 'string' }] });
    const stored = '{"type":"record","name":"shop.Item","fields":[{"name":"sku","type":"string"}]}';
    const { id } = (await call('POST', '/subjects/items-value/versions?normalize=true', { schema: spelled })).body as { id: number };
    assert.deepEqual((await call('GET', `/schemas/ids/${id}`)).body, { schema: stored });
    assert.deepEqual((await call('POST', '/subjects/items-value?normalize=true', { schema: qualified })).body, {
      subject: 'items-value',
      version: 1,
      id,
      schema: stored,
    });
    assert.deepEqual((await call('POST', '/subjects/items-value/versions?normalize=true', { schema: qualified })).body, { id });
    await expectError(call('POST', '/subjects/items-value', { schema: spelled }), 404, 40403, 'Schema not found');
  });

  it('keeps modes: read-only subjects refuse changes, IMPORT takes explicit ids', async () => {
    assert.deepEqual((await call('GET', '/mode')).body, { mode: 'READWRITE' });
    await expectError(
      call('GET', '/mode/orders-value'),
      404,
      40409,
      "Subject 'orders-value' does not have subject-level mode configured",
    );
    assert.deepEqual((await call('PUT', '/mode/orders-value', { mode: 'READONLY' })).body, { mode: 'READONLY' });
    assert.deepEqual((await call('GET', '/mode/orders-value')).body, { mode: 'READONLY' });
    await expectError(call('POST', '/subjects/orders-value/versions', { schema: v2 }), 422, 42205, 'Subject orders-value is in read-only mode');
    await expectError(call('DELETE', '/subjects/orders-value'), 422, 42205, 'Subject orders-value is in read-only mode');
    assert.deepEqual((await call('DELETE', '/mode/orders-value')).body, { mode: 'READONLY' });
    await expectError(call('PUT', '/mode', { mode: 'SOMETIMES' }), 422, 42204);

    await expectError(call('PUT', '/mode', { mode: 'IMPORT' }), 422, 42205, 'Cannot import since found existing subjects');
    await expectError(call('POST', '/subjects/imported/versions', { schema: '"long"', id: 500 }), 422, 42205, 'Subject imported is not in import mode');
    assert.deepEqual((await call('PUT', '/mode/imported', { mode: 'IMPORT' })).body, { mode: 'IMPORT' });
    assert.deepEqual((await call('POST', '/subjects/imported/versions', { schema: '"long"', id: 500, version: 7 })).body, { id: 500 });
    assert.deepEqual((await call('GET', '/subjects/imported/versions/7')).body, { subject: 'imported', version: 7, id: 500, schema: '"long"' });
    await expectError(
      call('POST', '/subjects/imported/versions', { schema: '"long"', id: 501 }),
      422,
      42207,
      'Schema already registered with id 500 instead of input id 501',
    );
    await call('DELETE', '/mode/imported');
    assert.deepEqual((await call('POST', '/subjects/fresh-value/versions', { schema: '"bytes"' })).body, { id: 501 });
  });

  it("answers bad input with Confluent's codes and stores nothing", async () => {
    const before = { offset: await topicEndOffset(topic), dump: await dumpRegistry(server.url) };
    const invalidAvro = await expectError(
      call('POST', '/subjects/orders-value/versions', { schema: '{"type":"record","name":"x"}' }),
      422,
      42201,
    );
    assert.match(invalidAvro, /^Invalid schema \{"type":"record","name":"x"\}, details: /);
    await expectError(call('POST', '/subjects/orders-value/versions', { schema: '{not json' }), 422, 42201);
    await expectError(call('POST', '/subjects/orders-value/versions', { schema: '' }), 422, 42201, 'Empty schema');
    await expectError(
      call('POST', '/subjects/orders-value/versions', { schema: '{"type":"object"}', schemaType: 'JSON' }),
      422,
      42201,
      'Invalid schema type JSON: this registry supports AVRO schemas only',
    );
    const invalidVersion = (v: string) =>
      `The specified version '${v}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`;
    await expectError(call('GET', '/subjects/orders-value/versions/0'), 422, 42202, invalidVersion('0'));
    await expectError(call('GET', '/subjects/orders-value/versions/first'), 422, 42202, invalidVersion('first'));
    await expectError(call('DELETE', '/subjects/orders-value/versions/2147483648'), 422, 42202, invalidVersion('2147483648'));
    await expectError(call('GET', '/subjects/nope/versions/1'), 404, 40401, "Subject 'nope' not found.");
    await expectError(call('GET', '/subjects/orders-value/versions/99'), 404, 40402, 'Version 99 not found.');
    await expectError(call('GET', '/schemas/ids/999'), 404, 40403, 'Schema 999 not found.');
    await expectError(call('GET', '/schemas/ids/999/subjects'), 404, 40403, 'Schema 999 not found.');
    await expectError(
      call('POST', '/subjects/orders-value/versions', 'schema=x', { 'content-type': 'text/plain' }),
      415,
      415,
      'HTTP 415 Unsupported Media Type',
    );
    const oversized = { schema: JSON.stringify({ type: 'enum', name: 'Big', symbols: Array.from({ length: 120_000 }, (_, i) => `S${i}`) }) };
    await expectError(call('POST', '/subjects/orders-value/versions', oversized), 413, 413, 'HTTP 413 Request Entity Too Large');
    await expectError(call('POST', '/subjects/orders-value/versions', '{"schema":'), 400, 400);
    await expectError(call('GET', '/no/such/path'), 404, 404, 'HTTP 404 Not Found');
    await expectError(call('PUT', '/subjects'), 405, 405, 'HTTP 405 Method Not Allowed');
    const notAcceptable = await call('GET', '/subjects', undefined, { accept: 'text/html' });
    assert.deepEqual(notAcceptable.body, { error_code: 406, message: 'HTTP 406 Not Acceptable' });
    assert.equal(notAcceptable.status, 406);
    assert.equal(await topicEndOffset(topic), before.offset, 'no record was appended');
    assert.deepEqual(await dumpRegistry(server.url), before.dump);
  });

  it('negotiates the media type and accepts every request type Confluent accepts', async () => {
    assert.equal((await call('GET', '/subjects', undefined, { accept: 'application/json' })).contentType, 'application/json');
    assert.equal((await call('GET', '/subjects', undefined, { accept: 'application/vnd.schemaregistry+json' })).contentType, 'application/vnd.schemaregistry+json');
    assert.equal((await call('GET', '/subjects', undefined, { accept: '*/*' })).contentType, V1_TYPE);
    for (const type of ['application/json', 'application/vnd.schemaregistry+json', 'application/octet-stream']) {
      const response = await call('POST', '/subjects/orders-value', { schema: v1 }, { 'content-type': type });
      assert.equal(response.status, 200, type);
    }
  });
});
