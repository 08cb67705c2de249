import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/**
 * A record a sink's table cannot take (a type, size or encoding the column refuses). It will never
 * fit, so the sink dead-letters it with the table, the column and the reason, and keeps going.
 */
export class RowRejectedError extends ShelfstreamError {
  readonly code = 'ROW_REJECTED';
  readonly retriable = false;
  readonly table: string;
  readonly field: string;

  constructor(table: string, field: string, reason: string, location: ErrorLocation = {}) {
    super(`${table}.${field}: ${reason}`, { location });
    this.table = table;
    this.field = field;
  }
}
