import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScaledDecimal } from '../../../../sources/replay/scaled-decimal.ts';

describe('parseScaledDecimal', () => {
  it('reads decimals exactly at the scale, without float error', () => {
    assert.deepEqual(parseScaledDecimal('510.05', 2), { value: 51005 });
    assert.deepEqual(parseScaledDecimal('125.1', 2), { value: 12510 });
    assert.deepEqual(parseScaledDecimal('0.0', 2), { value: 0 });
    // 0.29 * 100 is 28.999999999999996 in binary floats; string arithmetic is exact.
    assert.deepEqual(parseScaledDecimal('0.29', 2), { value: 29 });
    assert.deepEqual(parseScaledDecimal('1.005', 3), { value: 1005 });
    assert.deepEqual(parseScaledDecimal('0.15', 4), { value: 1500 });
    assert.deepEqual(parseScaledDecimal('7', 2), { value: 700 });
  });

  it('drops thousands separators, western and Indian grouping alike', () => {
    assert.deepEqual(parseScaledDecimal('32,999', 2), { value: 3_299_900 });
    assert.deepEqual(parseScaledDecimal('1,234,567.89', 2), { value: 123_456_789 });
    assert.deepEqual(parseScaledDecimal('1,44,900', 2), { value: 14_490_000 });
    assert.deepEqual(parseScaledDecimal('10,780.92', 2), { value: 1_078_092 });
  });

  it('accepts trailing zeros beyond the scale but not digits that would be lost', () => {
    assert.deepEqual(parseScaledDecimal('24.0', 0), { value: 24 });
    assert.deepEqual(parseScaledDecimal('9.990', 2), { value: 999 });
    assert.ok('problem' in parseScaledDecimal('9.995', 2));
  });

  it('names what is wrong with text that is not a decimal', () => {
    for (const text of ['', 'Get', '1,2', '12,34,5', '1.2.3', '-5', '1e3', ' 1', '₹5']) {
      const result = parseScaledDecimal(text, 2);
      assert.ok('problem' in result, text);
    }
    assert.ok('problem' in parseScaledDecimal('99999999999999999999', 2));
  });
});
