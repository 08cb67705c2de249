import type { CrawledProductPage } from '../../schemas/types/crawled-product-page.ts';
import { asinProblem } from '../catalog/asin-format.ts';
import { currencyProblem } from '../catalog/currency-problem.ts';
import type { Rule } from '../validate-records.ts';

const isPrice = (minor: number | null): boolean => minor === null || (Number.isSafeInteger(minor) && minor >= 0);

/**
 * Business rules of a crawled product page that its schema cannot express: the extractors null
 * what a page does not show, so these catch a broken extractor or another producer before a page
 * reaches the table the ASIN pages and crawl health read.
 */
export const pageRules: Readonly<Record<string, Rule<CrawledProductPage>>> = {
  'asin-format': (p) => asinProblem(p.asin),
  'http-url': (p) => (/^https?:\/\/[^/]/.test(p.url) ? undefined : `url ${JSON.stringify(p.url)} is not an http(s) URL`),
  'non-negative-prices': (p) =>
    isPrice(p.price_minor) && isPrice(p.list_price_minor) ? undefined : `a price is negative or not whole (price ${p.price_minor}, list ${p.list_price_minor})`,
  'rating-in-range': (p) => (p.rating === null || (p.rating >= 1 && p.rating <= 5) ? undefined : `rating ${p.rating} is outside 1..5`),
  'non-negative-review-count': (p) => (p.review_count === null || p.review_count >= 0 ? undefined : `review count ${p.review_count} is negative`),
  'positive-ranks': (p) => {
    const bad = p.best_seller_ranks.find((r) => r.rank < 1);
    return bad === undefined ? undefined : `best seller rank ${bad.rank} in ${JSON.stringify(bad.category)} is below 1`;
  },
  'currency-code': (p) => currencyProblem(p.currency),
  // Pages per hour are counted by fetch time and the raw HTML is found by its key.
  'fetch-recorded': (p) =>
    p.fetched_at > 0 && p.crawl_job_id.trim() !== '' && p.raw_html_key.trim() !== '' ? undefined : 'fetched_at, crawl_job_id or raw_html_key is missing',
};
