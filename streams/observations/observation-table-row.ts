import { RowRejectedError } from '../../errors/index.ts';
import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';
import type { ObservationMovement } from './observation-movement.ts';

const DAY_MS = 86_400_000;
// A ClickHouse Date is an unsigned 16-bit day number: 1970-01-01 to 2149-06-06.
const LAST_DAY = 65_535;
// Migration 0002 predates these fields and the server refuses unknown ones: left out until a migration adds their columns.
const WITHOUT_COLUMNS: ReadonlySet<string> = new Set<keyof ObservationMovement>(['previous_price_minor', 'price_change_minor', 'got_cheaper', 'previous_sales_rank', 'sales_rank_change', 'rank_jump']);

/**
 * An enriched observation as a row of `observations_enriched`, whose columns carry the Avro field
 * names: observed_date written as YYYY-MM-DD (the one form every server version parses in
 * JSONEachRow), the movement fields left out. A date a Date column cannot hold throws
 * RowRejectedError naming the table and column, so the record is dead-lettered.
 */
export function observationTableRow(table: string, e: EnrichedObservation): Record<string, unknown> {
  const days = e.observed_date;
  if (!Number.isInteger(days) || days < 0 || days > LAST_DAY) {
    throw new RowRejectedError(table, 'observed_date', `day ${days} is outside the Date range 1970-01-01..2149-06-06`);
  }
  const row = Object.fromEntries(Object.entries(e).filter(([field]) => !WITHOUT_COLUMNS.has(field)));
  return { ...row, observed_date: new Date(days * DAY_MS).toISOString().slice(0, 10) };
}
