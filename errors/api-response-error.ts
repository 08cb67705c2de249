import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * An HTTP API answered with an error status. Server errors (5xx) and request timeouts (408)
 * may pass, so they are retriable; any other 4xx says the request itself is wrong.
 */
export class ApiResponseError extends ShelfstreamError {
  readonly code = 'API_HTTP_ERROR';
  readonly retriable: boolean;
  readonly status: number;

  constructor(service: string, status: number, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`${service} answered HTTP ${status}: ${detail}`, options);
    this.status = status;
    this.retriable = status >= 500 || status === 408;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status };
  }
}
