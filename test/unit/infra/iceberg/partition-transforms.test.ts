import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTransform, bucketHash, transformResultType } from '../../../../infra/iceberg/partition-transforms.ts';

describe('partition transforms', () => {
  it('hashes every bucketable type to the values of the spec\'s Appendix B', () => {
    const at = Date.UTC(2017, 10, 16, 22, 31, 8);
    assert.equal(bucketHash('int', 34), 2017239379);
    assert.equal(bucketHash('long', 34n), 2017239379);
    assert.equal(bucketHash('decimal(9,2)', Buffer.from([0x05, 0x8c])), -500754589);
    // Avro's fixed-size decimals carry sign-extension bytes; the spec hashes the minimal form.
    assert.equal(bucketHash('decimal(9,2)', Buffer.from([0x00, 0x00, 0x05, 0x8c])), -500754589);
    assert.equal(bucketHash('date', 17_486), -653330422);
    assert.equal(bucketHash('time', (22 * 3600 + 31 * 60 + 8) * 1000), -662762989);
    assert.equal(bucketHash('timestamp', at), -2047944441);
    assert.equal(bucketHash('timestamptz', at), -2047944441);
    assert.equal(bucketHash('string', 'iceberg'), 1210000089);
    assert.equal(bucketHash('uuid', 'f79c3e09-677c-4bbd-a479-3f349cb785e7'), 1488055340);
    assert.equal(bucketHash('fixed[4]', Buffer.from([0, 1, 2, 3])), -188683207);
    assert.equal(bucketHash('binary', Buffer.from([0, 1, 2, 3])), -188683207);
  });

  it('buckets as (hash & Integer.MAX_VALUE) % N, into an int partition value, null staying null', () => {
    assert.equal(transformResultType('bucket[16]', 'string'), 'int');
    assert.equal(applyTransform('bucket[16]', 'int', 34), 2017239379 % 16);
    assert.equal(applyTransform('bucket[16]', 'decimal(9,2)', Buffer.from([0x05, 0x8c])), (-500754589 & 0x7fffffff) % 16);
    assert.equal(applyTransform('bucket[7]', 'string', null), null);
  });

  it('refuses what the spec does not bucket, and unknown transforms', () => {
    assert.throws(() => applyTransform('bucket[4]', 'double', 1.5), /bucket transform does not take "double"/);
    assert.throws(() => applyTransform('hour', 'timestamptz', 0), /hour is not supported/);
  });

  it('takes days of a timestamp or a date', () => {
    assert.equal(applyTransform('day', 'timestamptz', Date.UTC(2026, 0, 2, 23)), 20_455);
    assert.equal(applyTransform('day', 'date', 20_455), 20_455);
  });
});
