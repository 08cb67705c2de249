import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * A replayed file's header does not name the columns its kind needs (a sales file given as
 * products, a truncated export): no row can be read, so the replay stops before producing any.
 */
export class CsvHeaderError extends ShelfstreamError {
  readonly code = 'CSV_HEADER_MISMATCH';
  readonly retriable = false;
  readonly missing: readonly string[];

  constructor(file: string, kind: string, missing: readonly string[]) {
    super(`${file} is not a ${kind} CSV: its header lacks ${missing.join(', ')}`, { location: { file, line: 1 } });
    this.missing = missing;
  }
}
