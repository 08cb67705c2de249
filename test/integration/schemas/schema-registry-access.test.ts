import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret } from '../../../config/index.ts';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { callRegistry, deleteTopic, startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const schema = JSON.stringify({ type: 'record', name: 'Event', fields: [{ name: 'at', type: 'long' }] });

describe('Schema Registry access: read-only instances, basic auth, store failures', () => {
  const topic = uniqueName('_schemas');
  const servers: RegistryServer[] = [];
  let writer: RegistryServer;

  before(async () => {
    writer = await startTestRegistry(topic);
    servers.push(writer);
    assert.deepEqual((await callRegistry(writer.url, 'POST', '/subjects/events-value/versions', { schema })).body, { id: 1 });
  });

  after(async () => {
    for (const server of servers) await server.close();
    await deleteTopic(topic);
  });

  it('a read-only instance serves what is stored and refuses every change with 42205', async () => {
    const reader = await startTestRegistry(topic, { readOnly: true });
    servers.push(reader);
    assert.deepEqual((await callRegistry(reader.url, 'GET', '/subjects/events-value/versions/1')).body, {
      subject: 'events-value',
      version: 1,
      id: 1,
      schema,
    });
    assert.deepEqual((await callRegistry(reader.url, 'POST', '/subjects/events-value', { schema })).status, 200);
    assert.deepEqual((await callRegistry(reader.url, 'GET', '/mode')).body, { mode: 'READONLY' });
    const refused = { status: 422, code: 42205 };
    for (const [method, path, body] of [
      ['POST', '/subjects/events-value/versions', { schema }],
      ['POST', '/subjects/other-value/versions', { schema: '"string"' }],
      ['DELETE', '/subjects/events-value', undefined],
      ['DELETE', '/subjects/events-value/versions/1', undefined],
      ['PUT', '/config', { compatibility: 'NONE' }],
      ['PUT', '/mode', { mode: 'READWRITE' }],
    ] as const) {
      const response = await callRegistry(reader.url, method, path, body);
      assert.deepEqual({ status: response.status, code: (response.body as { error_code: number }).error_code }, refused, `${method} ${path}`);
    }
    // A write through the writable instance shows up on the read-only one.
    assert.deepEqual((await callRegistry(writer.url, 'POST', '/subjects/later-value/versions', { schema: '"int"' })).body, { id: 2 });
    assert.deepEqual((await callRegistry(reader.url, 'GET', '/schemas/ids/2')).body, { schema: '"int"' });
  });

  it('with basic auth, requests without the right credentials get 401 in Confluent form', async () => {
    const guarded = await startTestRegistry(topic, { basicAuth: { user: 'registry', password: new Secret('s3cret:with-colon') } });
    servers.push(guarded);
    const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
    for (const headers of [{}, basic('registry:wrong'), basic('someone:s3cret:with-colon'), { authorization: 'Bearer token' }]) {
      const response = await fetch(`${guarded.url}/subjects`, { headers });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Basic realm="SchemaRegistry", charset="UTF-8"');
      assert.deepEqual(await response.json(), { error_code: 401, message: 'Unauthorized' });
    }
    const ok = await callRegistry(guarded.url, 'GET', '/subjects', undefined, basic('registry:s3cret:with-colon'));
    assert.deepEqual(ok.body, ['events-value', 'later-value']);
  });

  it('when Kafka cannot be written, a change fails with 50001 and reads still work', async () => {
    const broken = await startTestRegistry(topic);
    servers.push(broken);
    await broken.store.close();
    const response = await callRegistry(broken.url, 'POST', '/subjects/events-value/versions', { schema: '"boolean"' });
    assert.equal(response.status, 500);
    const body = response.body as { error_code: number; message: string };
    assert.equal(body.error_code, 50001);
    assert.match(body.message, /^Error in the backend data store: /);
    assert.deepEqual((await callRegistry(broken.url, 'GET', '/subjects/events-value/versions')).body, [1]);
  });
});
