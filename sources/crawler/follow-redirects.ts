import { UrlRefusedError } from '../../errors/index.ts';
import type { UrlGuard } from './url-guard.ts';

/** What redirect-following needs of one response. */
export interface HopResponse {
  readonly status: number;
  /** The Location header; null when absent. */
  readonly location: string | null;
}

export interface FollowedResponse<R> {
  /** URL of the last hop: the one the response belongs to. */
  readonly url: string;
  readonly response: R;
  /** URLs that answered with a redirect, in order. */
  readonly redirects: readonly string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Requests `url` with `fetchOnce` (which must not follow redirects itself) and follows
 * redirects here, checking every hop with the guard before it is requested: a public page
 * redirecting to an internal address is refused before the request leaves. Chromium follows
 * redirects without asking page.route, which is why the crawler does not let it.
 */
export async function followRedirects<R extends HopResponse>(
  url: string,
  guard: UrlGuard,
  fetchOnce: (url: string) => Promise<R>,
  maxRedirects = 5,
): Promise<FollowedResponse<R>> {
  let current = await guard.check(url);
  const redirects: string[] = [];
  for (;;) {
    const response = await fetchOnce(current);
    if (!REDIRECTS.has(response.status) || response.location === null) return { url: current, response, redirects };
    if (redirects.length >= maxRedirects) throw new UrlRefusedError(url, 'redirect-loop', `more than ${maxRedirects} redirects`);
    redirects.push(current);
    current = await guard.check(new URL(response.location, current).href);
  }
}
