import { ExtractionError } from '../../../errors/index.ts';
import { absoluteUrl, type PageContext } from './page-context.ts';
import { extractReview, type ExtractedReview } from './extract-review.ts';
import { findAsin } from './find-asin.ts';

export interface ReviewsPage {
  readonly asin: string;
  readonly reviews: ExtractedReview[];
  /** Absolute URL of the next page of the list; null on the last page. */
  readonly nextPageUrl: string | null;
}

/**
 * Review blocks outside the "top positive / top critical" summary (it repeats an older review)
 * and outside popovers, each once: rendered pages nest copies of a review in its media modal.
 */
export function extractReviews(context: PageContext, asin: string): ExtractedReview[] {
  const { $ } = context;
  const list = $('#cm_cr-review_list');
  const blocks = (list.length > 0 ? list.find('[data-hook="review"]') : $('[data-hook="review"]')).filter(
    (_, block) => $(block).parents('#cm_cr-rvw_summary-viewpoints, .view-point-review, .a-popover-preload, [data-hook="review"]').length === 0,
  );
  const reviews = new Map<string, ExtractedReview>();
  for (const block of blocks.toArray()) {
    const review = extractReview(context, $(block), asin);
    if (!reviews.has(review.review_id)) reviews.set(review.review_id, review);
  }
  return [...reviews.values()];
}

/** Reads a customer-reviews page (/product-reviews/ASIN): every review in its list and the link to the next page. */
export function extractReviewsPage(context: PageContext): ReviewsPage {
  const asin = findAsin(context);
  if (asin === null) {
    throw new ExtractionError('EXTRACT_MISSING_FIELD', 'asin', 'reviews page names no product ASIN', { location: context.location });
  }
  return { asin, reviews: extractReviews(context, asin), nextPageUrl: nextPageUrl(context) };
}

/**
 * The pagination bar's "Next page" link. Signed-out visitors get it wrapped in a sign-in URL
 * (/ap/signin?openid.return_to=<next page>): the page it returns to is the next page.
 */
function nextPageUrl(context: PageContext): string | null {
  const { $ } = context;
  const next = $('#cm_cr-pagination_bar li.a-last, [data-hook="pagination-bar"] li.a-last, ul.a-pagination li.a-last').first();
  const href = next.hasClass('a-disabled') ? undefined : next.find('a[href]').attr('href');
  if (href === undefined || href.trim() === '') return null;
  const absolute = absoluteUrl(context, href.trim());
  if (!URL.canParse(absolute)) return absolute;
  const url = new URL(absolute);
  const returnTo = url.pathname.startsWith('/ap/signin') ? url.searchParams.get('openid.return_to') : null;
  return returnTo === null ? absolute : absoluteUrl(context, returnTo);
}
