import { ExtractionError, UnusablePageError } from '../../errors/index.ts';
import { blockedAnswerKind, extractPage, type BlockedKind, type PageExtraction } from './extract/index.ts';

/** What a fetched page means to the crawl. */
export type PageJudgement =
  /** Data: a product page, a reviews page or search results. */
  | { readonly kind: 'data'; readonly extraction: Extract<PageExtraction, { kind: 'product' | 'reviews' | 'search' }> }
  /** Amazon's answer to automated clients (503, 429, a captcha or an error page): never data, retried later. */
  | { readonly kind: 'blocked'; readonly reason: BlockedKind }
  /** A server error other than throttling: retried later. */
  | { readonly kind: 'server-error'; readonly status: number }
  /** 404 and other client errors: final, nothing to extract. */
  | { readonly kind: 'not-found'; readonly status: number }
  /** A page that should be data and is not: dead-lettered with its raw key. */
  | { readonly kind: 'dead-letter'; readonly error: ExtractionError | UnusablePageError };

export interface JudgedFetch {
  readonly url: string;
  readonly status: number;
  readonly html: string;
  /** Where the raw HTML is kept, named in extraction errors. */
  readonly rawKey: string;
}

/**
 * Judges a fetch. A 503 or 429 is blocked before any field is read (its page only says which
 * kind), and a blocked page served with another status is recognized by the extractors' verdict
 * before any field is read, so none ever becomes data.
 */
export function judgePage(fetch: JudgedFetch): PageJudgement {
  if (fetch.status === 503 || fetch.status === 429) return { kind: 'blocked', reason: blockedAnswerKind(fetch.html, fetch.status) };
  let extraction: PageExtraction;
  try {
    extraction = extractPage(fetch.html, { url: fetch.url, file: fetch.rawKey });
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
    return fetch.status >= 400 ? statusJudgement(fetch.status) : { kind: 'dead-letter', error };
  }
  if (extraction.kind === 'blocked') return { kind: 'blocked', reason: extraction.reason };
  if (fetch.status >= 400) return statusJudgement(fetch.status);
  if (extraction.kind === 'unrecognized') {
    return { kind: 'dead-letter', error: new UnusablePageError('CRAWL_PAGE_UNRECOGNIZED', fetch.url, extraction.reason, { location: { url: fetch.url, file: fetch.rawKey } }) };
  }
  return { kind: 'data', extraction };
}

function statusJudgement(status: number): PageJudgement {
  return status >= 500 ? { kind: 'server-error', status } : { kind: 'not-found', status };
}
