import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaMismatchError } from '../../../../errors/index.ts';
import { icebergSchemaFromAvro } from '../../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import type { AvroRecordSchema } from '../../../../infra/iceberg/avro-to-iceberg-schema.ts';

describe('Iceberg schema from an Avro schema', () => {
  it('maps every type of the table in avro-to-iceberg-schema.ts, numbering top-level columns first', () => {
    const schema = icebergSchemaFromAvro({
      type: 'record',
      name: 'All',
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['A'] } },
        { name: 'again', type: 'Status' },
        { name: 'note', type: ['null', 'string'] },
        { name: 'tags', type: { type: 'array', items: ['null', 'string'] } },
        { name: 'attributes', type: { type: 'map', values: 'long' } },
        { name: 'seller', type: { type: 'record', name: 'Seller', fields: [{ name: 'id', type: 'bytes' }] } },
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
      ],
    });
    assert.deepEqual(schema.fields, [
      { id: 1, name: 'at', type: 'timestamptz', required: true },
      { id: 2, name: 'status', type: 'string', required: true },
      { id: 3, name: 'again', type: 'string', required: true },
      { id: 4, name: 'note', type: 'string', required: false },
      { id: 5, name: 'tags', type: { type: 'list', 'element-id': 10, element: 'string', 'element-required': false }, required: true },
      { id: 6, name: 'attributes', type: { type: 'map', 'key-id': 11, key: 'string', 'value-id': 12, value: 'long', 'value-required': true }, required: true },
      { id: 7, name: 'seller', type: { type: 'struct', fields: [{ id: 13, name: 'id', type: 'binary', required: true }] }, required: true },
      { id: 8, name: 'price', type: 'decimal(12,2)', required: true },
      { id: 9, name: 'day', type: 'date', required: true },
    ]);
  });

  it('maps every schema the project ships', () => {
    for (const name of ['sales-order', 'enriched-order', 'crawled-product-page', 'window-aggregate'] as const) {
      const schema = icebergSchemaFromAvro(JSON.parse(readSchemaFile(name).text) as AvroRecordSchema);
      assert.ok(schema.fields.length > 0, name);
    }
  });

  it('refuses a union that is more than one type or null', () => {
    assert.throws(
      () => icebergSchemaFromAvro({ type: 'record', name: 'U', fields: [{ name: 'u', type: ['string', 'long'] }] }),
      SchemaMismatchError,
    );
  });
});
