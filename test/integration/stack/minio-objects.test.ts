import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();

describe('MinIO with the minio client', () => {
  const client = createMinioClient(config);
  const bucket = config.s3.rawBucket;
  const prefix = `${uniqueName('it_minio')}/`;
  const objects = new Map([
    [`${prefix}pages/B07G2L3JMM.html.gz`, randomBytes(256 * 1024)],
    [`${prefix}pages/B0DR8G428S.html.gz`, randomBytes(1024)],
    [`${prefix}empty`, Buffer.alloc(0)],
  ]);

  after(async () => {
    await client.removeObjects(bucket, [...objects.keys()]);
  });

  it('puts, lists and gets objects byte for byte', async () => {
    for (const [key, body] of objects) await client.putObject(bucket, key, body, body.length, { 'Content-Type': 'application/gzip' });

    const listed = new Map<string, number>();
    for await (const item of client.listObjectsV2(bucket, prefix, true)) {
      const entry = item as { name?: string; size?: number };
      if (entry.name !== undefined) listed.set(entry.name, entry.size ?? -1);
    }
    assert.deepEqual(listed, new Map([...objects].map(([key, body]) => [key, body.length])));

    for (const [key, body] of objects) {
      const chunks: Buffer[] = [];
      for await (const chunk of await client.getObject(bucket, key)) chunks.push(chunk as Buffer);
      assert.ok(Buffer.concat(chunks).equals(body), key);
    }
  });
});
