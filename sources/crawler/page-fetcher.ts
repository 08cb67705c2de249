import type { APIResponse, BrowserContext, Route } from 'playwright-core';
import { PageFetchError, ShelfstreamError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { followRedirects } from './follow-redirects.ts';
import type { UrlGuard } from './url-guard.ts';

/** One page as the server sent it. */
export interface FetchedPage {
  /** URL of the response: the requested one, or where its redirects led. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  /** The document byte for byte as served (after any Content-Encoding): what the raw layer keeps and the extractors read. */
  readonly body: Buffer;
  readonly redirects: readonly string[];
}

export interface PageFetchOptions {
  readonly guard: UrlGuard;
  /** Per request (each redirect hop) and for the whole navigation. */
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
}

/**
 * Opens `url` in a page of `context`. The navigation request is intercepted and made through
 * the context's own request client hop by hop, with redirects followed here so the guard sees
 * each address before it is contacted (Chromium follows redirects past page.route); the page is
 * then given that response to render, under a policy that loads nothing else: no image,
 * script, frame or beacon leaves the browser; the crawler needs the document only.
 */
export async function fetchPage(context: BrowserContext, url: string, options: PageFetchOptions): Promise<FetchedPage> {
  const page = await context.newPage();
  let fetched: FetchedPage | undefined;
  let failure: unknown;
  try {
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (fetched !== undefined || failure !== undefined || !request.isNavigationRequest() || request.frame() !== page.mainFrame()) {
        await route.abort('blockedbyclient');
        return;
      }
      try {
        const result = await followRedirects(request.url(), options.guard, (hop) => fetchHop(route, hop, options.timeoutMs), options.maxRedirects);
        const { response } = result;
        fetched = {
          url: result.url,
          status: response.status,
          contentType: response.headers['content-type'] ?? null,
          body: response.body,
          redirects: result.redirects,
        };
        await route.fulfill({ status: response.status, headers: renderHeaders(response.headers), body: response.body });
      } catch (error) {
        failure = error;
        await route.abort('blockedbyclient');
      }
    });
    try {
      await page.goto(url, { timeout: options.timeoutMs, waitUntil: 'domcontentloaded' });
    } catch (error) {
      // A page that fails to render after its document arrived still has its document.
      if (fetched === undefined) throw failureOf(url, failure ?? error);
    }
    if (fetched === undefined) throw new PageFetchError(url, 'the navigation produced no document');
    return fetched;
  } finally {
    await page.close().catch(() => undefined);
  }
}

interface Hop {
  readonly status: number;
  readonly location: string | null;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

async function fetchHop(route: Route, url: string, timeoutMs: number): Promise<Hop> {
  let response: APIResponse;
  try {
    response = await route.fetch({ url, maxRedirects: 0, timeout: timeoutMs });
  } catch (cause) {
    throw new PageFetchError(url, describeCause(cause).split('\n')[0] ?? 'request failed', { cause });
  }
  const headers = response.headers();
  return { status: response.status(), location: headers.location ?? null, headers, body: await response.body() };
}

/** Headers that describe the transfer, not the document: the body handed to the page is already decoded and whole. */
const TRANSFER_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

/**
 * The page renders its document under a policy that allows no subresource at all. Aborting them
 * in page.route is not enough: requests still pending when the page closes, and the favicon,
 * which the browser process fetches, would reach the server.
 */
const DOCUMENT_ONLY = "default-src 'none'";

function renderHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept = Object.entries(headers).filter(([name]) => !TRANSFER_HEADERS.has(name) && name !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'content-security-policy': DOCUMENT_ONLY };
}

function failureOf(url: string, error: unknown): ShelfstreamError {
  if (error instanceof ShelfstreamError) return error;
  return new PageFetchError(url, describeCause(error).split('\n')[0] ?? 'navigation failed', { cause: error });
}
