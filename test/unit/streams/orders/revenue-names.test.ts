import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { revenueNames } from '../../../../streams/orders/revenue-names.ts';

describe('revenueNames', () => {
  it('names windows of one unit after the unit', () => {
    assert.deepEqual(revenueNames(86_400_000), { windows: 'revenue-per-day', metric: 'revenue_per_day_by_category_country_currency' });
    assert.deepEqual(revenueNames(60_000), { windows: 'revenue-per-minute', metric: 'revenue_per_minute_by_category_country_currency' });
    assert.equal(revenueNames(3_600_000).windows, 'revenue-per-hour');
  });

  it('names other sizes exactly, in the largest unit that divides them', () => {
    assert.deepEqual(revenueNames(300_000), { windows: 'revenue-per-5-minutes', metric: 'revenue_per_5_minutes_by_category_country_currency' });
    assert.equal(revenueNames(90_000).windows, 'revenue-per-90-seconds');
    assert.equal(revenueNames(7 * 86_400_000).windows, 'revenue-per-7-days');
    assert.equal(revenueNames(1_500).windows, 'revenue-per-1500-ms');
  });
});
