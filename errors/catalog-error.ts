import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * The Iceberg REST catalog answered with an error (its `ErrorModel`: type, code, message), or did
 * not answer at all (status 0: refused, reset or timed out).
 */
export class CatalogError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;

  constructor(status: number, type: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(`Iceberg catalog ${status} ${type}: ${message}`, options);
    this.status = status;
    this.code = `ICEBERG_${type.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    // No answer, 5xx and throttling may pass; 4xx (no such table, already exists, bad request) will not.
    this.retriable = status === 0 || status >= 500 || status === 429;
  }
}
