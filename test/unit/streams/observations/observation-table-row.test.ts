import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowRejectedError } from '../../../../errors/index.ts';
import { observationTableRow } from '../../../../streams/observations/observation-table-row.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const enriched = sampleRecords['enriched-observation'];

describe('observationTableRow', () => {
  it('writes the date as YYYY-MM-DD, the movement flags as 0/1 and the movement amounts as they are', () => {
    const moved = { ...enriched, previous_price_minor: 1000, price_change_minor: -100, got_cheaper: true, previous_sales_rank: 50, sales_rank_change: 20, rank_jump: false };
    const row = observationTableRow('observations_enriched', moved);
    assert.equal(row.observed_date, '2026-01-06');
    assert.deepEqual(
      [row.previous_price_minor, row.price_change_minor, row.got_cheaper, row.previous_sales_rank, row.sales_rank_change, row.rank_jump],
      [1000, -100, 1, 50, 20, 0],
    );
    assert.equal(row.price_minor, enriched.price_minor);
  });

  it('refuses a date a ClickHouse Date cannot hold, naming the table and column', () => {
    assert.throws(() => observationTableRow('observations_enriched', { ...enriched, observed_date: -1 }), (e: unknown) => e instanceof RowRejectedError && e.message.startsWith('observations_enriched.observed_date:'));
  });
});
