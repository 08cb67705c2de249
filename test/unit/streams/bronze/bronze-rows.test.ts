import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { parseAvroSchema } from '../../../../schemas/avro-schema.ts';
import { encodeConfluent } from '../../../../schemas/serde/confluent-wire-format.ts';
import { InMemorySchemaRegistry } from '../../../../schemas/serde/in-memory-schema-registry.ts';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { bronzeRows } from '../../../../streams/bronze/bronze-rows.ts';
import { bronzeTableSchema } from '../../../../streams/bronze/bronze-table-schema.ts';
import { WriterSchemas } from '../../../../streams/bronze/writer-schemas.ts';
import type { StreamRecord } from '../../../../streams/stream-record.ts';

const v1 = { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }] } as const;
const v2 = { ...v1, fields: [...v1.fields, { name: 'color', type: ['null', 'string'], default: null }] };
const at = Date.UTC(2026, 0, 5);

const raw = (offset: number, value: Buffer | null): StreamRecord<Buffer | null> => ({
  key: null,
  value,
  timestamp: at + offset,
  headers: {},
  origin: { topic: 'items', partition: 1, offset: String(offset) },
  raw: { key: Buffer.from(`k${offset}`), value },
});

describe('bronze rows: each raw record as received, decoded with its writer schema where it decodes', () => {
  it('decodes v1 and v2 values with their own schemas and keeps what does not decode, with its reason, never dead-lettering', async () => {
    const registry = new InMemorySchemaRegistry();
    const [id1, id2] = await Promise.all([registry.register('items-value', JSON.stringify(v1)), registry.register('items-value', JSON.stringify(v2))]);
    const values = [
      encodeConfluent(id1, parseAvroSchema(JSON.stringify(v1)).type, { sku: 'A' }),
      encodeConfluent(id2, parseAvroSchema(JSON.stringify(v2)).type, { sku: 'B', color: 'red' }),
      Buffer.from('text'),
      encodeConfluent(99, parseAvroSchema(JSON.stringify(v1)).type, { sku: 'C' }),
      null,
    ];
    const batch: Batch<Buffer | null> = { topic: 'items', partition: 1, records: values.map((value, offset) => raw(offset, value)), ...emptyOutcomes() };
    const out = await firstValueFrom(of(batch).pipe(bronzeRows(new WriterSchemas(registry))));

    assert.deepEqual(out.deadLetters, []);
    const coordinates = (offset: number) => ({ _kafka_topic: 'items', _kafka_partition: 1, _kafka_offset: BigInt(offset), _kafka_timestamp: at + offset, _kafka_key: Buffer.from(`k${offset}`), _raw: values[offset] });
    assert.deepEqual(
      out.records.map((record) => ({ ...record.value })),
      [
        { sku: 'A', ...coordinates(0), _schema_id: id1, _decode_error: null },
        { sku: 'B', color: 'red', ...coordinates(1), _schema_id: id2, _decode_error: null },
        { ...coordinates(2), _schema_id: null, _decode_error: 'BAD_MAGIC_BYTE: first byte is 0x74, not 0x00: not written by a Confluent Avro serializer' },
        { ...coordinates(3), _schema_id: 99, _decode_error: 'UNKNOWN_SCHEMA_ID: schema id 99 is not in the registry' },
        { ...coordinates(4), _schema_id: null, _decode_error: 'NULL_VALUE: a tombstone has no value' },
      ],
    );
  });

  it('gives every bronze table the record columns 1..8, then the writer schema\'s fields as optional columns', () => {
    const schema = bronzeTableSchema(v2);
    assert.deepEqual(
      schema.fields.map((field) => [field.id, field.name, field.required]),
      [
        [1, '_kafka_topic', true], [2, '_kafka_partition', true], [3, '_kafka_offset', true], [4, '_kafka_timestamp', true],
        [5, '_kafka_key', false], [6, '_schema_id', false], [7, '_raw', false], [8, '_decode_error', false],
        [9, 'sku', false], [10, 'color', false],
      ],
    );
  });
});
