import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/** A stream record's key has no entry in the table it is joined with: dead-lettered, never retried. */
export class JoinMissingError extends ShelfstreamError {
  readonly code = 'JOIN_MISSING';
  readonly retriable = false;
  readonly table: string;
  readonly key: string | null;

  constructor(table: string, key: string | null, location: ErrorLocation) {
    super(key === null ? `record has no key to look up in ${table}` : `no entry for key '${key}' in ${table}`, { location });
    this.table = table;
    this.key = key;
  }
}
