import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * An item cannot become a record because of one of its fields. The same item fails the same way
 * every time, so it is never retried: it is dead-lettered naming the field, never guessed at.
 */
export abstract class FieldError<Code extends string> extends ShelfstreamError {
  readonly code: Code;
  readonly retriable = false;
  /** Path of the field that failed, such as `price.amount` or `reviews[R2IWYAXSM40X0F].rating`. */
  readonly field: string;

  constructor(code: Code, field: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}
