import { RowRejectedError } from '../../errors/index.ts';
import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';

const DAY_MS = 86_400_000;
// A ClickHouse Date is an unsigned 16-bit day number: 1970-01-01 to 2149-06-06.
const LAST_DAY = 65_535;

/**
 * An enriched observation as a row of `observations_enriched`, whose columns carry the Avro field
 * names: observed_date written as YYYY-MM-DD (the one form every server version parses in
 * JSONEachRow), booleans as 0/1 (UInt8 columns; 18.16 reads no JSON booleans). A date a Date column cannot hold throws
 * RowRejectedError naming the table and column, so the record is dead-lettered.
 */
export function observationTableRow(table: string, e: EnrichedObservation): Record<string, unknown> {
  const days = e.observed_date;
  if (!Number.isInteger(days) || days < 0 || days > LAST_DAY) {
    throw new RowRejectedError(table, 'observed_date', `day ${days} is outside the Date range 1970-01-01..2149-06-06`);
  }
  return { ...e, observed_date: new Date(days * DAY_MS).toISOString().slice(0, 10), got_cheaper: e.got_cheaper ? 1 : 0, rank_jump: e.rank_jump ? 1 : 0 };
}
