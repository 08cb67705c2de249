import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** Why an item from a source cannot become an event: a field is absent, unreadable, or an amount is not exact in minor units. */
export type MappingProblem = 'MAPPING_MISSING_FIELD' | 'MAPPING_INVALID_FIELD' | 'MAPPING_INEXACT_AMOUNT';

/**
 * One item of a source (an API page, a feed) cannot be mapped to its event schema. Fetching it
 * again gives the same item, so it is dead-lettered with the field that failed, never guessed at.
 */
export class ItemMappingError extends ShelfstreamError {
  readonly code: MappingProblem;
  readonly retriable = false;
  /** Path of the field that failed, such as `price.amount`. */
  readonly field: string;

  constructor(code: MappingProblem, field: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}
