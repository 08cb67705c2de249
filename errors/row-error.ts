import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/**
 * What is wrong with a CSV row: a value or the column count (`ROW_INVALID`), or the file cannot be
 * read past this line (`CSV_UNREADABLE`: a quote never closed, a record beyond the size limit).
 */
export type RowProblem = 'ROW_INVALID' | 'CSV_UNREADABLE';

/**
 * A row of a replayed file that cannot become a record. Reading it again gives the same bytes, so
 * it is never retried: the replay dead-letters the raw row with this code, reason and position.
 */
export class RowError extends ShelfstreamError {
  readonly code: RowProblem;
  readonly retriable = false;
  /** Column at fault, such as `UnitPrice`; null when the row as a whole is wrong. */
  readonly field: string | null;

  constructor(code: RowProblem, message: string, location: ErrorLocation & { file: string; line: number }, field: string | null = null) {
    super(message, { location });
    this.code = code;
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}
