import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/** A tombstone (no value) arrived where an event was expected. */
export class NullValueError extends ShelfstreamError {
  readonly code = 'NULL_VALUE';
  readonly retriable = false;

  constructor(location: ErrorLocation) {
    super('record has no value (a tombstone) where an event was expected', { location });
  }
}
