import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaMismatchError } from '../../../../errors/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { evolvedSchema } from '../../../../infra/iceberg/evolve-schema.ts';

const v1: AvroRecordSchema = {
  type: 'record',
  name: 'Review',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'stars', type: 'int' },
    { name: 'author', type: { type: 'record', name: 'Author', fields: [{ name: 'name', type: 'string' }] } },
  ],
};
const table = icebergSchemaFromAvro(v1);
const lastColumnId = 5;

describe('schema evolution: a table schema grown to an Avro subject\'s next version', () => {
  it('changes nothing when the table already covers the schema', () => {
    assert.equal(evolvedSchema(table, icebergSchemaFromAvro(v1), lastColumnId), undefined);
  });

  it('keeps every column\'s id by name and gives new fields, nested ones too, optional columns with ids above the last', () => {
    const v2 = icebergSchemaFromAvro({
      ...v1,
      fields: [
        { name: 'title', type: ['null', 'string'] },
        { name: 'stars', type: 'long' },
        { name: 'id', type: 'string' },
        { name: 'author', type: { type: 'record', name: 'Author', fields: [{ name: 'name', type: 'string' }, { name: 'country', type: 'string' }] } },
        { name: 'tags', type: { type: 'array', items: { type: 'record', name: 'Tag', fields: [{ name: 'label', type: 'string' }] } } },
      ],
    });
    const evolved = evolvedSchema(table, v2, lastColumnId);
    assert.ok(evolved !== undefined);
    assert.deepEqual(evolved.schema.fields, [
      { id: 1, name: 'id', type: 'string', required: true },
      { id: 2, name: 'stars', type: 'long', required: true },
      {
        id: 3,
        name: 'author',
        type: { type: 'struct', fields: [{ id: 4, name: 'name', type: 'string', required: true }, { id: 6, name: 'country', type: 'string', required: false }] },
        required: true,
      },
      { id: 7, name: 'title', type: 'string', required: false },
      { id: 8, name: 'tags', type: { type: 'list', 'element-id': 9, element: { type: 'struct', fields: [{ id: 10, name: 'label', type: 'string', required: true }] }, 'element-required': true }, required: false },
    ]);
    assert.equal(evolved.lastColumnId, 10);
    assert.equal(evolved.schema['schema-id'], 1);
  });

  it('makes a column optional when the new version makes it nullable or drops it', () => {
    const v2 = icebergSchemaFromAvro({ ...v1, fields: [{ name: 'id', type: ['null', 'string'] }, ...v1.fields.slice(2)] });
    assert.deepEqual(
      evolvedSchema(table, v2, lastColumnId)?.schema.fields.map((field) => [field.name, field.required]),
      [['id', false], ['stars', false], ['author', true]],
    );
  });

  it('refuses a type change Iceberg cannot make, naming the column', () => {
    const v2 = icebergSchemaFromAvro({ ...v1, fields: [{ name: 'id', type: 'string' }, { name: 'stars', type: 'string' }] });
    assert.throws(() => evolvedSchema(table, v2, lastColumnId), (error) => error instanceof SchemaMismatchError && /column stars is int in the table and cannot become string/.test(error.message));
  });
});
