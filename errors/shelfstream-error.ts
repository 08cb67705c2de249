/** Where an error happened: the setting, record or file position that a person must look at. */
export interface ErrorLocation {
  readonly setting?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly file?: string;
  readonly line?: number;
  readonly url?: string;
}

export interface ShelfstreamErrorOptions {
  readonly location?: ErrorLocation;
  readonly cause?: unknown;
}

/**
 * Root of every error the project throws. The subclass says what to do about it
 * (retry, stop, dead-letter); `code` is stable for logs, headers and tests.
 */
export abstract class ShelfstreamError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;
  readonly location: ErrorLocation;

  constructor(message: string, options: ShelfstreamErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.location = options.location ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, retriable: this.retriable, location: this.location };
  }
}
