import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowRejectedError } from '../../../../errors/index.ts';
import { observationTableRow } from '../../../../streams/observations/observation-table-row.ts';
import { sampleRecords } from '../../../support/sample-records.ts';

const enriched = sampleRecords['enriched-observation'];

describe('observationTableRow', () => {
  it('writes the date as YYYY-MM-DD and leaves out the movement fields, which the table has no columns for', () => {
    const row = observationTableRow('observations_enriched', enriched);
    assert.equal(row.observed_date, '2026-01-06');
    assert.deepEqual(['previous_price_minor', 'price_change_minor', 'got_cheaper', 'previous_sales_rank', 'sales_rank_change', 'rank_jump'].filter((f) => f in row), []);
    assert.equal(row.price_minor, enriched.price_minor);
  });

  it('refuses a date a ClickHouse Date cannot hold, naming the table and column', () => {
    assert.throws(() => observationTableRow('observations_enriched', { ...enriched, observed_date: -1 }), (e: unknown) => e instanceof RowRejectedError && e.message.startsWith('observations_enriched.observed_date:'));
  });
});
