import { ShelfstreamError } from './shelfstream-error.ts';

/** A topology, step, store or topic name that cannot be used: a programming error, fatal at build time. */
export class InvalidNameError extends ShelfstreamError {
  readonly code = 'INVALID_NAME';
  readonly retriable = false;

  constructor(what: string, name: string, problem: string) {
    super(`${what} name '${name}' ${problem}`);
  }
}
