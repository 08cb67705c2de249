import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { movementOf, type ObservationReading } from '../../../../streams/observations/observation-movement.ts';

const reading = (changes: Partial<ObservationReading> = {}): ObservationReading => ({ at: 0, priceMinor: 10_000, currency: 'INR', rank: 1_000, rankCategory: 'Toys', ...changes });
const none = { previous_price_minor: null, price_change_minor: null, got_cheaper: false, previous_sales_rank: null, sales_rank_change: null, rank_jump: false };

describe('movementOf', () => {
  it('has nothing to compare for the first observation', () => {
    assert.deepEqual(movementOf(null, reading()), none);
  });

  it('flags a price drop from exactly 5% and a rank jump from exactly 20% better, not below', () => {
    assert.deepEqual(movementOf(reading(), reading({ at: 1, priceMinor: 9_500, rank: 800 })), {
      previous_price_minor: 10_000, price_change_minor: -500, got_cheaper: true, previous_sales_rank: 1_000, sales_rank_change: 200, rank_jump: true,
    });
    assert.deepEqual(movementOf(reading(), reading({ at: 1, priceMinor: 9_501, rank: 801 })), {
      previous_price_minor: 10_000, price_change_minor: -499, got_cheaper: false, previous_sales_rank: 1_000, sales_rank_change: 199, rank_jump: false,
    });
  });

  it('never flags a rise in price or a fall in rank', () => {
    const m = movementOf(reading(), reading({ at: 1, priceMinor: 20_000, rank: 5_000 }));
    assert.deepEqual([m.price_change_minor, m.got_cheaper, m.sales_rank_change, m.rank_jump], [10_000, false, -4_000, false]);
  });

  it('compares prices only in one currency and ranks only in one category, and nothing that is missing', () => {
    assert.deepEqual(movementOf(reading(), reading({ at: 1, priceMinor: 100, currency: 'USD', rank: 1, rankCategory: 'Books' })), none);
    assert.deepEqual(movementOf(reading({ priceMinor: null, rank: null }), reading({ at: 1, priceMinor: 1 })), none);
    assert.deepEqual(movementOf(reading(), reading({ at: 1, priceMinor: null, rank: null })), none);
  });
});
