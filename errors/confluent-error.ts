import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * An error our Schema Registry answers with, in Confluent's terms: the HTTP status and the
 * `error_code` of the body (`{"error_code":40401,"message":"Subject 'x' not found."}`).
 * The message is the body's message, verbatim.
 */
export class ConfluentError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;
  readonly errorCode: number;

  constructor(status: number, errorCode: number, message: string, options: ShelfstreamErrorOptions = {}) {
    super(message, options);
    this.status = status;
    this.errorCode = errorCode;
    this.code = `CONFLUENT_${errorCode}`;
    // Store errors and timeouts may pass; a 4xx answer will not change on retry.
    this.retriable = status >= 500;
  }

  /** The response body Confluent's clients parse. */
  body(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}
