import { CsvHeaderError, RowError } from '../../errors/index.ts';
import type { CsvRecord } from './csv-rows.ts';

/** Where each needed column sits in a file, as its header says. */
export interface CsvHeader<C extends string> {
  readonly file: string;
  /** Fields per row: every column of the header, needed or not. */
  readonly width: number;
  readonly positions: Readonly<Record<C, number>>;
}

/**
 * Finds the needed columns in a header, in any order and whatever their case, so any file with
 * the same columns replays; extra columns are ignored. Throws CsvHeaderError naming what is missing.
 */
export function readCsvHeader<C extends string>(fields: readonly string[], columns: readonly C[], file: string, kind: string): CsvHeader<C> {
  const names = fields.map((f) => f.replace(/^\ufeff/, '').trim().toLowerCase());
  const positions: Partial<Record<C, number>> = {};
  const missing: C[] = [];
  for (const column of columns) {
    const at = names.indexOf(column.toLowerCase());
    if (at < 0) missing.push(column);
    else positions[column] = at;
  }
  if (missing.length > 0) throw new CsvHeaderError(file, kind, missing);
  return { file, width: fields.length, positions: positions as Record<C, number> };
}

/** The row's values by column name, trimmed; a row with another number of fields than the header is invalid. */
export function rowValues<C extends string>(header: CsvHeader<C>, record: CsvRecord): Readonly<Record<C, string>> {
  if (record.fields.length !== header.width) {
    throw new RowError('ROW_INVALID', `row has ${record.fields.length} fields, the header ${header.width}`, { file: header.file, line: record.line });
  }
  const values: Partial<Record<C, string>> = {};
  for (const [column, at] of Object.entries(header.positions) as [C, number][]) values[column] = (record.fields[at] ?? '').trim();
  return values as Record<C, string>;
}
