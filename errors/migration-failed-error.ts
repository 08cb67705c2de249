import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A statement of a migration failed, or a migration file cannot be read as one. Statements are
 * idempotent, so a later run resumes the migration: retriable when the database did not answer,
 * not when it rejected the SQL or the file is misnamed.
 */
export class MigrationFailedError extends ShelfstreamError {
  readonly code = 'CLICKHOUSE_MIGRATION_FAILED';
  readonly retriable: boolean;

  constructor(file: string, reason: string, retriable: boolean, options: Omit<ShelfstreamErrorOptions, 'location'> = {}) {
    super(`migration ${file}: ${reason}`, { ...options, location: { file } });
    this.retriable = retriable;
  }
}
