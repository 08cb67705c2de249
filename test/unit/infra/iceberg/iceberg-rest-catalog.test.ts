import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'lossless-json';
import { parseExact } from '../../../../infra/iceberg/iceberg-rest-catalog.ts';

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
