import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headerBytes } from '../../../../infra/kafka/driver-core/record-headers.ts';

describe('headerBytes', () => {
  it('gives bytes for byte and text values, keeps the later of a repeated name, and leaves other values out', () => {
    const headers = headerBytes([
      ['producer', Buffer.from('rdkafka')],
      ['reason', 'undecodable'],
      ['reason', 'late'],
      ['missing', undefined],
    ]);
    assert.deepEqual(Object.keys(headers), ['producer', 'reason']);
    assert.equal(headers.producer?.toString(), 'rdkafka');
    assert.equal(headers.reason?.toString(), 'late');
  });
});
