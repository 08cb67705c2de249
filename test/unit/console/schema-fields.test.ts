import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schemaFields } from '../../../console/server/schema-fields.ts';

describe('schemaFields', () => {
  it('lists nested record fields under the paths the schema diff uses, with type, default and doc', () => {
    const rows = schemaFields({
      type: 'record',
      name: 'Product',
      namespace: 'com.example',
      fields: [
        { name: 'asin', type: 'string', doc: 'the product id' },
        { name: 'price_minor', type: ['null', 'long'], default: null, doc: 'price in cents' },
        {
          name: 'ranks',
          type: { type: 'array', items: { type: 'record', name: 'Rank', fields: [{ name: 'category', type: 'string', doc: 'where' }] } },
          doc: 'best-seller ranks',
        },
        { name: 'seen_at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'when' },
      ],
    });
    assert.deepEqual(rows, [
      { path: 'asin', type: 'string', doc: 'the product id' },
      { path: 'price_minor', type: 'null | long', default: 'null', doc: 'price in cents' },
      { path: 'ranks', type: 'array<record Rank>', doc: 'best-seller ranks' },
      { path: 'ranks[].category', type: 'string', doc: 'where' },
      { path: 'seen_at', type: 'long (timestamp-millis)', doc: 'when' },
    ]);
  });

  it('lists a recursive record once and gives a primitive schema no rows', () => {
    const rows = schemaFields({ type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'], default: null }] });
    assert.deepEqual(rows.map((r) => r.path), ['next']);
    assert.deepEqual(schemaFields('string'), []);
  });
});
