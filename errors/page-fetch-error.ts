import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * A page (or its host's robots.txt) could not be fetched: DNS, connection, timeout, or a server
 * error. Such failures pass, so the crawler retries the request later with backoff.
 */
export class PageFetchError extends ShelfstreamError {
  readonly code = 'CRAWL_FETCH_FAILED';
  readonly retriable = true;

  constructor(url: string, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`cannot fetch ${url}: ${detail}`, { ...options, location: { url } });
  }
}
