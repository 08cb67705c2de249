// runs alone: it restarts the Iceberg catalog of the shared stack.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { localStack } from '../../support/local-stack.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();

describe('Iceberg REST catalog', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const namespace = [uniqueName('it_iceberg')];
  const table = { namespace, name: 'orders' };

  after(async () => {
    await catalog.dropTable(table, true);
    await catalog.dropNamespace(namespace);
  });

  it('keeps a namespace and a table, with its metadata in MinIO, across a restart of the stack', async () => {
    await catalog.createNamespace(namespace, { owner: 'integration-test' });
    const created = await catalog.createTable(namespace, {
      name: table.name,
      schema: {
        type: 'struct',
        fields: [
          { id: 1, name: 'order_id', type: 'string', required: true },
          { id: 2, name: 'amount_minor', type: 'long', required: true },
          { id: 3, name: 'ordered_at', type: 'timestamptz', required: false },
        ],
      },
      properties: { 'format-version': '2' },
    });
    const metadataLocation = created['metadata-location'] ?? '';
    const bucket = config.iceberg.warehouse.replace(/^s3a?:\/\//, '').split('/')[0] ?? '';
    assert.match(metadataLocation, new RegExp(`^s3://${bucket}/`));
    const key = metadataLocation.replace(`s3://${bucket}/`, '');
    assert.ok((await createMinioClient(config).statObject(bucket, key)).size > 0, 'metadata.json is in MinIO');

    localStack('down', 'minio', 'iceberg-rest');
    localStack('up', 'minio', 'iceberg-rest');

    assert.ok((await catalog.listNamespaces()).some((n) => n.join('.') === namespace.join('.')));
    assert.deepEqual(await catalog.listTables(namespace), [table]);
    const loaded = await catalog.loadTable(table);
    assert.equal(loaded.metadata['table-uuid'], created.metadata['table-uuid']);
    assert.equal(loaded['metadata-location'], metadataLocation);
    assert.deepEqual(
      loaded.metadata.schemas[0]?.fields.map((f) => f.name),
      ['order_id', 'amount_minor', 'ordered_at'],
    );
  });
});
