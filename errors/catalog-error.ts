import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** The Iceberg REST catalog answered with an error (its `ErrorModel`: type, code, message). */
export class CatalogError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;

  constructor(status: number, type: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(`Iceberg catalog ${status} ${type}: ${message}`, options);
    this.status = status;
    this.code = `ICEBERG_${type.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
    // 5xx and throttling may pass; 4xx (no such table, already exists, bad request) will not.
    this.retriable = status >= 500 || status === 429;
  }
}
