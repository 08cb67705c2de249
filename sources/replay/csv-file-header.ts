import { createReadStream } from 'node:fs';
import { CsvHeaderError } from '../../errors/index.ts';
import { readCsvHeader, type CsvHeader } from './csv-header.ts';
import { readCsvRows } from './csv-rows.ts';
import { productsKind, salesKind, type ReplayKindName } from './replay-kinds.ts';

/**
 * The header of a CSV file read as `kind` would read it, without replaying a row: lets a command
 * refuse a file of another kind before anything starts. Throws CsvHeaderError when the header
 * lacks the kind's columns or the file has no header row.
 */
export async function csvFileHeader(file: string, kind: ReplayKindName): Promise<CsvHeader<string>> {
  const columns: readonly string[] = kind === 'sales' ? salesKind().columns : productsKind().columns;
  const rows = readCsvRows(createReadStream(file));
  try {
    const first = await rows.next();
    if (first.done === true || first.value.kind !== 'record') throw new CsvHeaderError(file, kind, columns);
    return readCsvHeader(first.value.fields, columns, file, kind);
  } finally {
    await rows.return(undefined);
  }
}
