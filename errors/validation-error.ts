import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/** A decoded record broke business rules: it will never pass, so it is dead-lettered. */
export class ValidationError extends ShelfstreamError {
  readonly code = 'VALIDATION_FAILED';
  readonly retriable = false;
  readonly problems: readonly string[];

  constructor(problems: readonly string[], location: ErrorLocation) {
    super(problems.join('; '), { location });
    this.problems = problems;
  }
}
