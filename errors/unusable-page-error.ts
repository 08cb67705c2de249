import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * Why a fetched page gave no data: it stayed throttled or behind a robot check through every
 * attempt, the extractors do not recognize it, or the server answered an error status.
 */
export type UnusablePageProblem = 'CRAWL_PAGE_BLOCKED' | 'CRAWL_PAGE_UNRECOGNIZED' | 'CRAWL_PAGE_HTTP_STATUS';

/**
 * A fetched page that is not data, named on the crawler's dead letters with the raw HTML key so
 * the page can be looked at. A blocked page may pass later (retriable); the others will not.
 */
export class UnusablePageError extends ShelfstreamError {
  readonly code: UnusablePageProblem;
  readonly retriable: boolean;

  constructor(code: UnusablePageProblem, url: string, detail: string, options: ShelfstreamErrorOptions = {}) {
    super(`${url} is not data: ${detail}`, { ...options, location: { url } });
    this.code = code;
    this.retriable = code === 'CRAWL_PAGE_BLOCKED';
  }
}
