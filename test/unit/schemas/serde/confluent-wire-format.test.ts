import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaMismatchError, WireFormatError } from '../../../../errors/index.ts';
import { decodeConfluent, encodeConfluent } from '../../../../schemas/serde/confluent-wire-format.ts';
import { subjectName } from '../../../../schemas/serde/subject-name.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const order = readSchemaFile('sales-order');
const where = { topic: 'orders.raw', partition: 3, offset: '42' };

function wireError(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof WireFormatError, `expected WireFormatError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.retriable, false);
    assert.deepEqual(error.location, where);
    return true;
  };
}

describe('Confluent wire format', () => {
  it('frames as magic byte 0, 4-byte big-endian schema id, Avro body', () => {
    const framed = encodeConfluent(0x01020304, order.type, sampleRecords['sales-order']);
    assert.deepEqual([...framed.subarray(0, 5)], [0, 1, 2, 3, 4]);
    assert.deepEqual(framed.subarray(5), order.type.toBuffer(sampleRecords['sales-order']));
  });

  it('takes the frame apart again, from any Uint8Array view', () => {
    const framed = encodeConfluent(7, order.type, sampleRecords['sales-order']);
    const padded = new Uint8Array(framed.length + 3);
    padded.set(framed, 3);
    const { schemaId, body } = decodeConfluent(padded.subarray(3));
    assert.equal(schemaId, 7);
    assert.deepStrictEqual(structuredClone(order.type.fromBuffer(body)), structuredClone(sampleRecords['sales-order']));
  });

  it('rejects a record that does not start with the magic byte', () => {
    assert.throws(() => decodeConfluent(Buffer.from('{"OrderID":"ORD1"}'), where), wireError('BAD_MAGIC_BYTE'));
    assert.throws(() => decodeConfluent(Buffer.from([1, 0, 0, 0, 1, 2]), where), /first byte is 0x01/);
  });

  it('rejects an empty record or a header cut short', () => {
    assert.throws(() => decodeConfluent(Buffer.alloc(0), where), wireError('TRUNCATED'));
    assert.throws(() => decodeConfluent(Buffer.from([0, 0, 0, 1]), where), wireError('TRUNCATED'));
  });

  it('reports which fields break the schema when encoding', () => {
    const bad = { ...sampleRecords['sales-order'], unit_price_minor: 510.05, order_status: 'LOST' };
    assert.throws(
      () => encodeConfluent(1, order.type, bad),
      (error: unknown) => {
        assert.ok(error instanceof SchemaMismatchError);
        assert.equal(error.code, 'INVALID_VALUE');
        assert.deepEqual(error.paths, ['unit_price_minor (got number 510.05)', 'order_status (got string)']);
        return true;
      },
    );
  });

  it('names subjects by TopicNameStrategy', () => {
    assert.equal(subjectName('orders.raw', 'value'), 'orders.raw-value');
    assert.equal(subjectName('orders.raw', 'key'), 'orders.raw-key');
  });
});
