import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decimalToBigInt, encodeSingleValue, truncateLower, truncateUpper } from '../../../../infra/iceberg/single-value-encoding.ts';

describe('single-value binary encoding of bounds (spec Appendix D)', () => {
  it('encodes numbers little-endian, timestamps and times in microseconds, strings as UTF-8', () => {
    assert.equal(encodeSingleValue('int', 1).toString('hex'), '01000000');
    assert.equal(encodeSingleValue('date', -1).toString('hex'), 'ffffffff');
    assert.equal(encodeSingleValue('long', 2n ** 40n).toString('hex'), '0000000000010000');
    assert.equal(encodeSingleValue('timestamptz', 1).toString('hex'), 'e803000000000000');
    assert.equal(encodeSingleValue('double', 1).toString('hex'), '000000000000f03f');
    assert.equal(encodeSingleValue('float', 1).toString('hex'), '0000803f');
    assert.equal(encodeSingleValue('boolean', true).toString('hex'), '01');
    assert.equal(encodeSingleValue('string', 'é').toString('hex'), 'c3a9');
    assert.equal(encodeSingleValue('decimal(9,2)', Buffer.from([0xff, 0x85])).toString('hex'), 'ff85');
  });

  it('reads decimal bytes as signed two\'s complement', () => {
    assert.equal(decimalToBigInt(Buffer.from([0xff, 0x85])), -123n);
    assert.equal(decimalToBigInt(Buffer.from([0x30, 0x39])), 12_345n);
  });

  it('truncates string bounds to 16 code points so that they still bound the value', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz';
    assert.equal(truncateLower(long), 'abcdefghijklmnop');
    assert.equal(truncateUpper(long), 'abcdefghijklmnoq');
    assert.ok(truncateLower(long) <= long && (truncateUpper(long) ?? '') > long);
    assert.equal(truncateUpper('short'), 'short');
    assert.equal(truncateUpper('\u{10ffff}'.repeat(17)), undefined);
  });
});
