import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Secret } from '../../../../config/index.ts';
import { CredentialsRejectedError, SchemaRegistryError, ServiceUnavailableError } from '../../../../errors/index.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../../schemas/serde/http-schema-registry.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A few Confluent endpoints over one subject, answering as Confluent's registry does. */
function fakeRegistry(seen: Seen[]): Server {
  const schemas: string[] = [];
  const answer = (method: string, url: string, schema: string | undefined): [number, unknown] => {
    if (url.startsWith('/secret')) return [401, { error_code: 401, message: 'Unauthorized' }];
    if (url.startsWith('/broken')) return [502, '<html>Bad Gateway</html>'];
    if (method === 'POST' && url === '/subjects/orders-value/versions' && schema !== undefined) {
      if (!schemas.includes(schema)) schemas.push(schema);
      return [200, { id: schemas.indexOf(schema) + 1 }];
    }
    if (method === 'POST' && url === '/subjects/orders-value') {
      const index = schema === undefined ? -1 : schemas.indexOf(schema);
      if (index < 0) return [404, { error_code: 40403, message: 'Schema not found' }];
      return [200, { subject: 'orders-value', version: index + 1, id: index + 1, schema }];
    }
    const byId = /^\/schemas\/ids\/(\d+)$/.exec(url);
    if (byId !== null) {
      const found = schemas[Number(byId[1]) - 1];
      return found === undefined ? [404, { error_code: 40403, message: 'Schema not found' }] : [200, { schema: found }];
    }
    if (url === '/subjects/orders-value/versions/latest' && schemas.length > 0) {
      return [200, { subject: 'orders-value', version: schemas.length, id: schemas.length, schema: schemas.at(-1) }];
    }
    return [404, { error_code: 40401, message: 'Subject not found.' }];
  };
  return createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const url = req.url ?? '';
      const method = req.method ?? '';
      seen.push({ method, url, contentType: req.headers['content-type'], authorization: req.headers.authorization, body });
      const schema = body === '' ? undefined : (JSON.parse(body) as { schema: string }).schema;
      const [status, json] = answer(method, url, schema);
      // A proxy's HTML error page is sent as text, like the gateway in front of a registry would.
      if (typeof json === 'string') res.writeHead(status, { 'content-type': 'text/html' }).end(json);
      else res.writeHead(status, { 'content-type': CONTENT_TYPE }).end(JSON.stringify(json));
    });
  });
}

describe('HttpSchemaRegistryClient', () => {
  const seen: Seen[] = [];
  const server = fakeRegistry(seen);
  let base = '';
  const order = readSchemaFile('sales-order');

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('registers, fetches by id, looks up and reads the latest version', async () => {
    const client = new HttpSchemaRegistryClient({ url: `${base}/` });
    const id = await client.register('orders-value', order.text);
    assert.equal(id, 1);
    assert.equal(await client.getById(id), order.text);
    assert.deepEqual(await client.lookup('orders-value', order.text), { subject: 'orders-value', version: 1, id, schema: order.text });
    assert.equal(await client.lookup('orders-value', '"string"'), undefined);
    assert.equal((await client.getLatest('orders-value')).id, id);
    const post = seen.find((s) => s.method === 'POST');
    assert.ok(post !== undefined);
    assert.equal(post.contentType, CONTENT_TYPE);
    assert.deepEqual(JSON.parse(post.body), { schema: order.text });
    assert.equal(post.authorization, undefined);
  });

  it('carries an AvroSerde round trip over HTTP', async () => {
    const serde = new AvroSerde(new HttpSchemaRegistryClient({ url: base }));
    const bytes = await serde.serialize('orders-value', order, sampleRecords['sales-order']);
    assert.deepStrictEqual(structuredClone(await new AvroSerde(new HttpSchemaRegistryClient({ url: base })).deserialize(bytes, order)), sampleRecords['sales-order']);
  });

  it("turns Confluent's error bodies into SchemaRegistryError with their code", async () => {
    const client = new HttpSchemaRegistryClient({ url: base });
    await assert.rejects(client.getLatest('nobody-value'), (error: unknown) => {
      assert.ok(error instanceof SchemaRegistryError);
      assert.equal(error.code, 'SCHEMA_REGISTRY_40401');
      assert.equal(error.status, 404);
      assert.equal(error.retriable, false);
      assert.equal(error.location.url, `${base}/subjects/nobody-value/versions/latest`);
      return true;
    });
    await assert.rejects(new HttpSchemaRegistryClient({ url: `${base}/broken` }).getById(1), { code: 'SCHEMA_REGISTRY_HTTP_502', retriable: true });
  });

  it('sends basic auth from the URL or the options, and keeps the password out of errors', async () => {
    const fromUrl = new HttpSchemaRegistryClient({ url: `http://sr%40user:p%3Ass@127.0.0.1:${new URL(base).port}/secret` });
    await assert.rejects(fromUrl.getById(1), (error: unknown) => {
      assert.ok(error instanceof CredentialsRejectedError);
      assert.ok(!error.message.includes('p:ss') && !error.message.includes('p%3Ass'), error.message);
      return true;
    });
    assert.equal(seen.at(-1)?.authorization, `Basic ${Buffer.from('sr@user:p:ss').toString('base64')}`);
    const fromOptions = new HttpSchemaRegistryClient({ url: base, username: 'app', password: new Secret('s3cret') });
    await fromOptions.getById(1);
    assert.equal(seen.at(-1)?.authorization, `Basic ${Buffer.from('app:s3cret').toString('base64')}`);
  });

  it('reports an unreachable registry as ServiceUnavailableError naming the setting', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = new HttpSchemaRegistryClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    await assert.rejects(client.getById(1), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.retriable, true);
      assert.match(error.message, /SHELFSTREAM_SCHEMA_REGISTRY_URL/);
      return true;
    });
  });
});
