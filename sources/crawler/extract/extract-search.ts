import type { PageContext } from './page-context.ts';

const ASIN = /^[A-Z0-9]{10}$/;

/**
 * ASINs of a search-results page's result list, organic and sponsored, in page order, each
 * once: new products for the crawl frontier. Carousels and brand banners are left out; they
 * repeat or advertise rather than answer the query.
 */
export function extractSearch({ $ }: PageContext): string[] {
  const asins = $('[data-component-type="s-search-result"][data-asin]')
    .toArray()
    .map((result) => ($(result).attr('data-asin') ?? '').trim())
    .filter((asin) => ASIN.test(asin));
  return [...new Set(asins)];
}
