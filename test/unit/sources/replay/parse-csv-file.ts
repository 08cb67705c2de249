import { createReadStream } from 'node:fs';
import { RowError } from '../../../../errors/index.ts';
import { readCsvHeader, rowValues, type CsvHeader } from '../../../../sources/replay/csv-header.ts';
import { readCsvRows } from '../../../../sources/replay/csv-rows.ts';
import type { ReplayedRow, ReplayKind } from '../../../../sources/replay/replay-kinds.ts';

export type ParsedLine<T> = { readonly line: number; readonly row: ReplayedRow<T> } | { readonly line: number; readonly error: RowError };

/** Every data row of a file through a replay kind, as the replay sees it, without Kafka. */
export async function parseCsvFile<C extends string, T>(file: string, kind: ReplayKind<C, T>): Promise<ParsedLine<T>[]> {
  const out: ParsedLine<T>[] = [];
  let header: CsvHeader<C> | undefined;
  for await (const item of readCsvRows(createReadStream(file))) {
    if (item.kind === 'unreadable') throw new Error(`${file} unreadable from line ${item.line}: ${item.reason}`);
    if (header === undefined) {
      header = readCsvHeader(item.fields, kind.columns, file, kind.name);
      continue;
    }
    try {
      out.push({ line: item.line, row: kind.parse(rowValues(header, item), { file, line: item.line }) });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      out.push({ line: item.line, error });
    }
  }
  return out;
}
