import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServer } from 'node:net';
import { stringify } from 'lossless-json';
import { CatalogError } from '../../../../errors/index.ts';
import { IcebergRestCatalog, parseExact } from '../../../../infra/iceberg/iceberg-rest-catalog.ts';

describe('the REST catalog client reads JSON exactly', () => {
  const text = '{"current-snapshot-id":9223372036854775807,"snapshots":[{"snapshot-id":9007199254740993,"parent-snapshot-id":42,"timestamp-ms":1767225600000}],"ratio":0.1,"big-float":1.5e300}';

  it('keeps integers above 2^53 as bigints and every other number a number', () => {
    const parsed = parseExact(text) as { 'current-snapshot-id': unknown; snapshots: [Record<string, unknown>]; ratio: unknown; 'big-float': unknown };
    const [snapshot] = parsed.snapshots;
    assert.equal(parsed['current-snapshot-id'], 9223372036854775807n);
    assert.equal(snapshot['snapshot-id'], 9007199254740993n);
    assert.equal(snapshot['parent-snapshot-id'], 42);
    assert.equal(snapshot['timestamp-ms'], 1767225600000);
    assert.equal(parsed.ratio, 0.1);
    assert.equal(parsed['big-float'], 1.5e300);
  });

  it('writes them back as the same JSON numbers', () => {
    assert.equal(stringify(parseExact(text)), text.replace('1.5e300', '1.5e+300'));
  });
});

describe('the REST catalog client when the catalog does not answer', () => {
  it('reads fail as a retriable Unreachable, writes as a retriable CommitStateUnknown, both naming the host', async () => {
    // A port that was just free: nothing listens on it, so every request is refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    const catalog = new IcebergRestCatalog({ url: `http://127.0.0.1:${String(port)}`, timeoutMs: 1_000 });

    const read = await catalog.listNamespaces().catch((e: unknown) => e);
    assert.ok(read instanceof CatalogError);
    assert.equal(read.status, 0);
    assert.equal(read.code, 'ICEBERG_UNREACHABLE');
    assert.equal(read.retriable, true);
    assert.match(read.message, new RegExp(`no answer from 127\\.0\\.0\\.1:${String(port)}`));

    const write = await catalog.commitTable({ namespace: ['n'], name: 't' }, [], []).catch((e: unknown) => e);
    assert.ok(write instanceof CatalogError);
    assert.equal(write.code, 'ICEBERG_COMMIT_STATE_UNKNOWN');
    assert.equal(write.retriable, true);
  });
});
