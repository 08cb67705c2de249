import { load } from 'cheerio';
import type { PageExtraction } from './extract/index.ts';

/** The link from a product page to all its reviews: the footer button, or the older one above the list. */
const ALL_REVIEWS = 'a[data-hook="see-all-reviews-link-foot"], a[data-hook="see-all-reviews-link"]';

/**
 * Pages to crawl next, absolute: a product page's "See all reviews" link, a reviews page's next
 * page, and the products of a search results page. The extractors read data, not navigation,
 * except the next reviews page, which they unwrap from Amazon's sign-in redirect.
 */
export function discoverLinks(extraction: PageExtraction, html: string, pageUrl: string): string[] {
  switch (extraction.kind) {
    case 'product': {
      const href = load(html)(ALL_REVIEWS).first().attr('href')?.trim();
      return href === undefined || href === '' ? [] : [new URL(href, pageUrl).href];
    }
    case 'reviews':
      return extraction.nextPageUrl === null ? [] : [new URL(extraction.nextPageUrl, pageUrl).href];
    case 'search':
      return extraction.asins.map((asin) => new URL(`/dp/${asin}`, pageUrl).href);
    default:
      return [];
  }
}
