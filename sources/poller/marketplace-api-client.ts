import type { Secret } from '../../config/index.ts';
import {
  ApiResponseError,
  CredentialsRejectedError,
  MalformedResponseError,
  RateLimitedError,
  ServiceUnavailableError,
} from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { apiPageSchema } from './api-item-schema.ts';
import { retryAfterMs } from './retry-after.ts';

const SERVICE = 'marketplace API';
const URL_SETTING = 'SHELFSTREAM_MARKETPLACE_API_URL';
const KEY_SETTING = 'SHELFSTREAM_MARKETPLACE_API_KEY';

export interface MarketplaceApiClientOptions {
  /** Base URL; pages are fetched from `<url>/v1/products`. */
  readonly url: string;
  readonly apiKey: Secret;
  /** Items per page (the API allows 1 to 100). */
  readonly pageSize?: number;
  /** Deadline of one request, headers and body. */
  readonly timeoutMs?: number;
  /** Wait after a 429 that gives no Retry-After. */
  readonly defaultRetryAfterMs?: number;
}

/** Where a page starts: after a cursor the API issued, or after a time when there is no cursor yet. */
export type PagePosition = { readonly cursor: string } | { readonly updatedSince: string } | Record<string, never>;

/** One page as fetched: its items unchecked (each is mapped on its own), and where the next page starts. */
export interface ApiPage {
  readonly url: string;
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
}

/**
 * Client of the SmartScout-style product-data API. Every failure is a typed error that says
 * whether to retry: rejected key (no), 429 (yes, after Retry-After), 5xx and network errors and
 * timeouts (yes), a 200 whose body is not the documented JSON (yes; it keeps the body).
 */
export class MarketplaceApiClient {
  readonly #options: MarketplaceApiClientOptions;

  constructor(options: MarketplaceApiClientOptions) {
    this.#options = options;
  }

  async fetchPage(position: PagePosition): Promise<ApiPage> {
    const url = new URL('v1/products', this.#options.url.endsWith('/') ? this.#options.url : `${this.#options.url}/`);
    url.searchParams.set('limit', String(this.#options.pageSize ?? 100));
    if ('cursor' in position) url.searchParams.set('cursor', position.cursor);
    else if ('updatedSince' in position) url.searchParams.set('updatedSince', position.updatedSince);
    const location = { url: url.href };
    const timeoutMs = this.#options.timeoutMs ?? 30_000;
    let status: number;
    let body: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(url, {
        headers: { 'x-api-key': this.#options.apiKey.reveal(), accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      body = await response.text();
    } catch (cause) {
      const detail = cause instanceof Error && cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeCause(cause);
      throw new ServiceUnavailableError(SERVICE, URL_SETTING, `${url.origin}: ${detail}`, { location, cause });
    }
    if (status === 401 || status === 403) throw new CredentialsRejectedError(SERVICE, KEY_SETTING, `HTTP ${status} from ${url.origin}`, { location });
    if (status === 429) throw new RateLimitedError(SERVICE, retryAfterMs(retryAfter) ?? this.#options.defaultRetryAfterMs ?? 1_000, { location });
    if (status < 200 || status > 299) throw new ApiResponseError(SERVICE, status, body.slice(0, 200), { location });
    return { url: url.href, ...parsePage(body, location) };
  }
}

function parsePage(body: string, location: { url: string }): Omit<ApiPage, 'url'> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new MalformedResponseError(SERVICE, `body is not JSON (${describeCause(cause)})`, body, { location, cause });
  }
  const page = apiPageSchema.safeParse(json);
  if (!page.success) {
    const issue = page.error.issues[0];
    throw new MalformedResponseError(SERVICE, `unexpected page shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? ''}`, body, { location });
  }
  return { items: page.data.data, nextCursor: page.data.paging.nextCursor, hasMore: page.data.paging.hasMore };
}
