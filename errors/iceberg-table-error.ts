import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * An Iceberg table, schema or file this writer cannot handle (a transform it does not implement,
 * a location outside S3, a codec it cannot read, a schema changed under written files): a
 * deployment or programming mistake, not transient.
 */
export class IcebergTableError extends ShelfstreamError {
  readonly code = 'ICEBERG_UNSUPPORTED';
  readonly retriable = false;
}
