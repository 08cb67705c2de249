import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** An API refused a request for its rate limit (HTTP 429): retry, but not before it says. */
export class RateLimitedError extends ShelfstreamError {
  readonly code = 'API_RATE_LIMITED';
  readonly retriable = true;
  /** How long the API asked us to wait (its Retry-After), or our default when it did not say. */
  readonly retryAfterMs: number;

  constructor(service: string, retryAfterMs: number, options: ShelfstreamErrorOptions = {}) {
    super(`${service} is rate limiting us: retry after ${retryAfterMs} ms`, options);
    this.retryAfterMs = retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
