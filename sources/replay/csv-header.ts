import { CsvHeaderError, RowError } from '../../errors/index.ts';
import type { CsvRecord } from './csv-rows.ts';

/** Where each needed column sits in a file, as its header says. */
export interface CsvHeader<C extends string> {
  readonly file: string;
  /** Fields per row: every column of the header, needed or not. */
  readonly width: number;
  readonly positions: Readonly<Record<C, number>>;
  /** Columns the reader does not know, kept by name: an empty name is `Unnamed: <index>`, as pandas reads it back. */
  readonly extras: readonly { readonly name: string; readonly at: number }[];
}

/**
 * Finds the needed columns in a header, in any order and whatever their case, so any file with
 * the same columns replays; the other columns are listed as extras, named uniquely (a repeated
 * name gets `.1`, `.2`, as pandas does). Throws CsvHeaderError naming what is missing.
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
  const used = new Set<number>(Object.values(positions));
  const taken = new Set([...used].map((at) => (fields[at] ?? '').replace(/^\ufeff/, '').trim()));
  const extras: { name: string; at: number }[] = [];
  fields.forEach((field, at) => {
    if (used.has(at)) return;
    const base = field.replace(/^\ufeff/, '').trim() || `Unnamed: ${at}`;
    let name = base;
    for (let n = 1; taken.has(name); n++) name = `${base}.${n}`;
    taken.add(name);
    extras.push({ name, at });
  });
  return { file, width: fields.length, positions: positions as Record<C, number>, extras };
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

/** The row's values of the columns the reader does not know, by their names in `header.extras`, trimmed. */
export function extraValues(header: CsvHeader<string>, record: CsvRecord): Record<string, string> {
  return Object.fromEntries(header.extras.map(({ name, at }) => [name, (record.fields[at] ?? '').trim()]));
}
