import { extractProduct, type ExtractedProduct } from './extract-product.ts';
import { extractReviews, extractReviewsPage } from './extract-reviews.ts';
import type { ExtractedReview } from './extract-review.ts';
import { extractSearch } from './extract-search.ts';
import { pageContext, type ExtractOptions } from './page-context.ts';
import { pageVerdict, type BlockedKind } from './page-verdict.ts';

/** Everything one page yields, by what the page is. */
export type PageExtraction =
  | { readonly kind: 'product'; readonly product: ExtractedProduct; readonly reviews: ExtractedReview[] }
  | { readonly kind: 'reviews'; readonly asin: string; readonly reviews: ExtractedReview[]; readonly nextPageUrl: string | null }
  | { readonly kind: 'search'; readonly asins: string[] }
  | { readonly kind: 'blocked'; readonly reason: BlockedKind }
  | { readonly kind: 'unrecognized'; readonly reason: string };

/**
 * Extracts a saved or just-fetched page: a pure function of its HTML and URL, so the crawler and
 * `crawl reextract` (raw HTML from the object store) give the same result. Blocked and
 * unrecognized pages are verdicts, not errors; a recognized page whose layout does not yield
 * its required fields throws ExtractionError.
 */
export function extractPage(html: string, options: ExtractOptions = {}): PageExtraction {
  const context = pageContext(html, options);
  const verdict = pageVerdict(context.$);
  switch (verdict.kind) {
    case 'product': {
      const product = extractProduct(context);
      return { kind: 'product', product, reviews: extractReviews(context, product.asin) };
    }
    case 'reviews':
      return { kind: 'reviews', ...extractReviewsPage(context) };
    case 'search':
      return { kind: 'search', asins: extractSearch(context) };
    default:
      return verdict;
  }
}
