import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A value and a schema do not fit: `INVALID_VALUE` when a value to encode breaks its schema
 * (`paths` name the offending fields), `INCOMPATIBLE_SCHEMA` when a writer's schema cannot be
 * read with the reader's schema. Both are bugs or deployment mistakes, not transient.
 */
export class SchemaMismatchError extends ShelfstreamError {
  readonly code: 'INVALID_VALUE' | 'INCOMPATIBLE_SCHEMA';
  readonly retriable = false;
  readonly paths: readonly string[];

  constructor(
    code: 'INVALID_VALUE' | 'INCOMPATIBLE_SCHEMA',
    message: string,
    options: ShelfstreamErrorOptions & { paths?: readonly string[] } = {},
  ) {
    super(message, options);
    this.code = code;
    this.paths = options.paths ?? [];
  }
}
