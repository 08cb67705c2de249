import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** Why the crawler will not request a URL. */
export type UrlRefusal = 'scheme' | 'private-address' | 'redirect-loop';

/**
 * The crawler refuses to request a URL: not http(s), resolving to a private, loopback or other
 * non-public address (a page could otherwise make the crawler reach internal services), or
 * redirecting without end. The same URL is refused again, so it is never retried.
 */
export class UrlRefusedError extends ShelfstreamError {
  readonly code = 'CRAWL_URL_REFUSED';
  readonly retriable = false;
  readonly reason: UrlRefusal;

  constructor(url: string, reason: UrlRefusal, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`refusing ${url}: ${detail}`, { ...options, location: { url } });
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}
