import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A file given to the main job as its input cannot be that input: missing, a directory without
 * saved pages, a CSV whose header is of another kind. Found before anything starts, so a person
 * fixes the command line; never retried, and the CLI exits 2 as for a bad setting.
 */
export class InputFileError extends ShelfstreamError {
  readonly code = 'INPUT_INVALID';
  readonly retriable = false;

  /** `option` is the flag the file was given with (`--sales`), named so the line says which to fix. */
  constructor(option: string, file: string, reason: string, options: Omit<ShelfstreamErrorOptions, 'location'> = {}) {
    super(`${option} ${file}: ${reason}`, { ...options, location: { file } });
  }
}
