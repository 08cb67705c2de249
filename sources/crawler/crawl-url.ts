import { UrlRefusedError } from '../../errors/index.ts';

/**
 * The form of a URL the crawler requests, records and deduplicates: absolute http(s), without
 * the fragment (never sent to the server). The WHATWG parser already lowercases the host, drops
 * default ports and resolves dot segments; the query is kept as written, since Amazon's paging
 * and ref paths are part of what the server sees.
 */
export function crawlUrl(text: string, base?: string): string {
  let url: URL;
  try {
    url = new URL(text.trim(), base);
  } catch {
    throw new UrlRefusedError(text, 'scheme', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRefusedError(url.href, 'scheme', `only http and https URLs are crawled, not ${url.protocol}`);
  }
  url.hash = '';
  return url.href;
}

/** The host a request counts against for politeness: host and port, as robots.txt is per origin. */
export function hostOf(url: string): string {
  return new URL(url).host;
}
