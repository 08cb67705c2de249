import type { CrawledProductPage } from '../../schemas/types/crawled-product-page.ts';
import type { CrawledReview } from '../../schemas/types/crawled-review.ts';
import type { ExtractedProduct, ExtractedReview } from './extract/index.ts';

/** Where a page came from: what the crawler adds to what the page shows. */
export interface FetchProvenance {
  /** URL the page was served at: the product's URL when the page names none. */
  readonly url: string;
  readonly fetchedAt: number;
  readonly job: string;
  readonly rawKey: string;
}

/** ISO 4217's code for "no currency", for a page that names neither a storefront nor a priced currency. */
const NO_CURRENCY = 'XXX';
const DAY_MS = 86_400_000;

export function productPageRecord(product: ExtractedProduct, from: FetchProvenance): CrawledProductPage {
  return {
    ...product,
    url: product.url ?? from.url,
    currency: product.currency ?? NO_CURRENCY,
    fetched_at: from.fetchedAt,
    crawl_job_id: from.job,
    raw_html_key: from.rawKey,
  };
}

export function reviewRecord(review: ExtractedReview, from: FetchProvenance): CrawledReview {
  return { ...review, review_date: epochDay(review.review_date), fetched_at: from.fetchedAt, crawl_job_id: from.job };
}

/** Days since 1970-01-01 of an ISO calendar date (2024-01-06), the Avro `date` logical type. */
export function epochDay(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new RangeError(`not an ISO date: ${isoDate}`);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}
