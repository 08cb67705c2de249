import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { evolveTable } from '../../../infra/iceberg/evolve-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import { enrichedOrdersIcebergSchema, ensureEnrichedOrdersIcebergTable } from '../../../streams/orders/enriched-orders-iceberg-table.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const jan1 = Date.UTC(2026, 0, 1);

const v1: AvroRecordSchema = {
  type: 'record',
  name: 'Product',
  namespace: 'com.shelfstream.test',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'updated_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'stock', type: 'int' },
  ],
};
// The subject's next version: an optional field with a default, which BACKWARD compatibility accepts.
const v2 = { ...v1, fields: [...v1.fields, { name: 'color', type: ['null', 'string'], default: null }] } as AvroRecordSchema;

const bySku = (rows: Record<string, unknown>[]): Record<string, unknown>[] => [...rows].sort((a, b) => String(a.sku).localeCompare(String(b.sku)));

describe('schema evolution mid-stream: the subject gains an optional field, the table a column', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const registry = createSchemaRegistryClient(config);
  const namespace = [uniqueName('it_iceberg_evolve')];
  const id = { namespace, name: 'products' };
  const subject = `${namespace[0]}.products-value`;
  let python: string;

  before(async () => {
    python = pyicebergPython();
    await catalog.ensureNamespace(namespace);
  });

  after(async () => {
    await catalog.dropTable({ namespace, name: 'orders_enriched' }, true);
    await catalog.dropTable(id, true);
    await catalog.dropNamespace(namespace);
  });

  it('rows written with v1, then v2 registered and the table evolved by name: old rows read back with the new column null, by pyiceberg and DuckDB', async () => {
    await registry.register(subject, JSON.stringify(v1));
    const tableV1 = icebergSchemaFromAvro(JSON.parse((await registry.getLatest(subject)).schema) as AvroRecordSchema);
    await catalog.createTable(namespace, { name: id.name, schema: tableV1, 'partition-spec': partitionSpec(tableV1, [{ column: 'updated_at', transform: 'day' }]) });
    const before = await IcebergTable.load(catalog, io, id);
    await before.append([
      { sku: 'A', updated_at: jan1, stock: 3 },
      { sku: 'B', updated_at: jan1 + 1000, stock: 5 },
    ]);

    await registry.register(subject, JSON.stringify(v2));
    const latest = JSON.parse((await registry.getLatest(subject)).schema) as AvroRecordSchema;
    const evolved = await evolveTable(catalog, id, icebergSchemaFromAvro(latest));
    const current = evolved.schemas.find((schema) => schema['schema-id'] === evolved['current-schema-id']);
    assert.deepEqual(
      current?.fields.map((field) => [field.id, field.name, field.type, field.required]),
      [[1, 'sku', 'string', true], [2, 'updated_at', 'timestamptz', true], [3, 'stock', 'int', true], [4, 'color', 'string', false]],
      'old columns keep their ids; the new one takes the next id, optional',
    );
    assert.equal(evolved['last-column-id'], 4);
    assert.equal(evolved.schemas.length, 2);
    // A second writer evolving to the same version changes nothing.
    assert.equal((await evolveTable(catalog, id, icebergSchemaFromAvro(latest)))['current-schema-id'], evolved['current-schema-id']);

    const after = await IcebergTable.load(catalog, io, id);
    await after.append([
      { sku: 'C', updated_at: jan1 + 2000, stock: 7, color: 'red' },
      { sku: 'D', updated_at: jan1 + 3000, stock: 1, color: null },
    ]);

    const expected = [
      { sku: 'A', updated_at: jan1 * 1000, stock: 3, color: null },
      { sku: 'B', updated_at: (jan1 + 1000) * 1000, stock: 5, color: null },
      { sku: 'C', updated_at: (jan1 + 2000) * 1000, stock: 7, color: 'red' },
      { sku: 'D', updated_at: (jan1 + 3000) * 1000, stock: 1, color: null },
    ];
    const view = await readWithPyiceberg(python, config, `${namespace[0]}.products`, [`color == 'red'`]);
    assert.deepEqual(bySku(view.rows), expected);
    assert.deepEqual(view.filtered[0]?.rows.map((row) => row.sku), ['C']);
    const metadataLocation = (await catalog.loadTable(id))['metadata-location'];
    assert.ok(metadataLocation !== undefined);
    assert.deepEqual(bySku(await readWithPeer('duckdb', interopPython('duckdb'), config, metadataLocation)), expected);
  });

  it('the silver table made from an older EnrichedOrder gains the field the schema has added when the pipeline ensures it, its ids kept', async () => {
    const silver = { namespace, name: 'orders_enriched' };
    const full = enrichedOrdersIcebergSchema();
    const older = { ...full, fields: full.fields.filter((field) => field.name !== 'country_code') };
    // The catalog numbers a new table's columns afresh: the ids to keep are the ones it gave.
    const created = (await catalog.createTable(namespace, { name: silver.name, schema: older, 'partition-spec': partitionSpec(older, [{ column: 'order_date', transform: 'day' }]) })).metadata.schemas[0];
    await ensureEnrichedOrdersIcebergTable(catalog, silver);
    const metadata = (await catalog.loadTable(silver)).metadata;
    const current = metadata.schemas.find((schema) => schema['schema-id'] === metadata['current-schema-id']);
    const idsOf = (fields: readonly { id: number; name: string }[]) => Object.fromEntries(fields.map((field) => [field.name, field.id]));
    assert.deepEqual(idsOf(current?.fields.filter((field) => field.name !== 'country_code') ?? []), idsOf(created?.fields ?? []));
    assert.deepEqual(current?.fields.at(-1), { ...full.fields.find((field) => field.name === 'country_code'), id: metadata['last-column-id'] });
  });
});
