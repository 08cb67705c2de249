import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decimalToMinor } from '../../../../sources/poller/decimal-to-minor.ts';

describe('decimalToMinor', () => {
  it('reads decimal strings and JSON numbers exactly, where float arithmetic would not', () => {
    assert.deepEqual(decimalToMinor('19.99', 2), { minor: 1999 });
    assert.deepEqual(decimalToMinor(19.99, 2), { minor: 1999 });
    assert.equal(4.35 * 100, 434.99999999999994);
    assert.deepEqual(decimalToMinor(4.35, 2), { minor: 435 });
    assert.deepEqual(decimalToMinor(0.29, 2), { minor: 29 });
    assert.deepEqual(decimalToMinor('19.9', 2), { minor: 1990 });
    assert.deepEqual(decimalToMinor('20', 2), { minor: 2000 });
    assert.deepEqual(decimalToMinor(20, 2), { minor: 2000 });
    assert.deepEqual(decimalToMinor('0.05', 2), { minor: 5 });
    assert.deepEqual(decimalToMinor(' 7.10 ', 2), { minor: 710 });
  });

  it('follows the currency\'s minor unit: yen have none, trailing zeros are fine', () => {
    assert.deepEqual(decimalToMinor('1980', 0), { minor: 1980 });
    assert.deepEqual(decimalToMinor('1980.00', 0), { minor: 1980 });
    assert.deepEqual(decimalToMinor('19.990', 2), { minor: 1999 });
    assert.deepEqual(decimalToMinor('1.234', 3), { minor: 1234 });
  });

  it('calls amounts finer than the minor unit inexact', () => {
    assert.equal((decimalToMinor('19.999', 2) as { problem: string }).problem, 'inexact');
    assert.equal((decimalToMinor(1980.5, 0) as { problem: string }).problem, 'inexact');
    assert.equal((decimalToMinor(0.001, 2) as { problem: string }).problem, 'inexact');
  });

  it('calls anything but a plain non-negative decimal invalid', () => {
    for (const amount of ['N/A', '', '-1.00', '1,299.00', '1e3', '$5', '.5', '5.', Number.NaN, Number.POSITIVE_INFINITY, -2, 1e21, 1e-7, '9007199254740993']) {
      assert.equal((decimalToMinor(amount, 2) as { problem?: string }).problem, 'invalid', String(amount));
    }
  });
});
