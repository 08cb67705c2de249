import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** Why a page that looks like data gave none: a required field is absent, or present but unreadable. */
export type ExtractionProblem = 'EXTRACT_MISSING_FIELD' | 'EXTRACT_UNREADABLE_FIELD';

/**
 * A page was recognized (a product or reviews page) but its layout did not yield a field that
 * the record cannot do without. Fetching the same page again gives the same HTML: the crawler
 * dead-letters it with the raw HTML key, so the page can be re-extracted once the extractor is fixed.
 */
export class ExtractionError extends ShelfstreamError {
  readonly code: ExtractionProblem;
  readonly retriable = false;
  /** Field that failed, such as `price` or `reviews[R2IWYAXSM40X0F].rating`. */
  readonly field: string;

  constructor(code: ExtractionProblem, field: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}
