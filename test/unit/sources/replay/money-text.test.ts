import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minorDigits, parseMoneyText } from '../../../../sources/replay/money-text.ts';

describe('parseMoneyText', () => {
  it('reads rupee prices with symbol and separators into paise', () => {
    assert.deepEqual(parseMoneyText('₹32,999', 'INR'), { minor: 3_299_900, currency: 'INR' });
    assert.deepEqual(parseMoneyText('₹161.50', 'INR'), { minor: 16_150, currency: 'INR' });
    assert.deepEqual(parseMoneyText('₹1,44,900', 'INR'), { minor: 14_490_000, currency: 'INR' });
    assert.deepEqual(parseMoneyText('Rs. 499', 'INR'), { minor: 49_900, currency: 'INR' });
  });

  it('takes the currency from the symbol when the caller names none', () => {
    assert.deepEqual(parseMoneyText('₹99', null), { minor: 9_900, currency: 'INR' });
    assert.deepEqual(parseMoneyText('£1,299.00', null), { minor: 129_900, currency: 'GBP' });
    assert.deepEqual(parseMoneyText('EUR 12.50', null), { minor: 1_250, currency: 'EUR' });
    assert.deepEqual(parseMoneyText('$5', 'CAD'), { minor: 500, currency: 'CAD' });
    assert.ok('problem' in parseMoneyText('12.50', null));
  });

  it('reads bare amounts in the given currency, at its minor-unit scale', () => {
    assert.deepEqual(parseMoneyText('2287.37', 'USD'), { minor: 228_737, currency: 'USD' });
    assert.deepEqual(parseMoneyText('1980', 'JPY'), { minor: 1_980, currency: 'JPY' });
    assert.equal(minorDigits('JPY'), 0);
    assert.equal(minorDigits('INR'), 2);
  });

  it('refuses amounts in another currency than the record, and text that is no amount', () => {
    const rupees = parseMoneyText('₹5', 'USD');
    assert.ok('problem' in rupees && rupees.problem.includes('INR, not USD'));
    for (const text of ['', 'Get', 'FREE Delivery by Amazon', '₹', '₹5 ₹6', 'XYZ 5', '12.345']) {
      assert.ok('problem' in parseMoneyText(text, 'USD'), text);
    }
  });
});
