import { ShelfstreamError } from './shelfstream-error.ts';

/** One rejected option: its path inside the options object and why. */
export interface OptionProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Options given in code (a window size, an accumulator's precision) are wrong. Raised while a
 * topology is declared, before any record flows: a programming mistake, never retried.
 */
export class InvalidOptionError extends ShelfstreamError {
  readonly code = 'INVALID_OPTION';
  readonly retriable = false;
  readonly subject: string;
  readonly problems: readonly OptionProblem[];

  constructor(subject: string, problems: readonly OptionProblem[]) {
    super(`invalid ${subject} options: ${problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ')}`);
    this.subject = subject;
    this.problems = problems;
  }
}
