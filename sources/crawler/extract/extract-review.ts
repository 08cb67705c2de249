import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { ExtractionError, type ExtractionProblem } from '../../../errors/index.ts';
import type { CrawledReview } from '../../../schemas/types/crawled-review.ts';
import { blockText, inlineText } from './element-text.ts';
import type { PageContext } from './page-context.ts';
import { parseHelpfulVotes } from './parse-count.ts';
import { parseRating } from './parse-rating.ts';
import { parseReviewDate } from './parse-review-date.ts';

/**
 * One review as the page shows it, named as in crawled-review.avsc, except `review_date`, an ISO
 * date here (2024-01-06) that the crawler turns into the schema's days since the epoch.
 */
export type ExtractedReview = Omit<CrawledReview, 'review_date' | 'fetched_at' | 'crawl_job_id'> & { review_date: string };

const REVIEW_ID = /\bR[0-9A-Z]{6,}\b/;
/** Parts of a review body that are controls, not text: "Read more", video players, translation spinners. */
const BODY_CONTROLS = '.a-expander-header, .a-expander-prompt, .cr-video-desktop, .video-block, [data-hook="translationSpinner"]';

/**
 * Reads one `[data-hook="review"]` block of either page generation: 2019-2024 markup
 * (`review-title`, `review-body`, `avp-badge-linkless`) and 2026 rendered markup (`reviewTitle`,
 * `reviewRichContentContainer`, whole-star "5 out of 5 stars"). Fields are read from the first
 * match inside the block: rendered pages repeat a review's date inside its media popover.
 */
export function extractReview(context: PageContext, block: Cheerio<AnyNode>, asin: string): ExtractedReview {
  const reviewId = REVIEW_ID.exec(block.attr('id') ?? '')?.[0] ?? REVIEW_ID.exec(block.find('[id^="customer_review-"]').attr('id') ?? '')?.[0];
  if (reviewId === undefined) fail(context, 'EXTRACT_MISSING_FIELD', 'reviews[].review_id', `a review of ${asin} has no review id`);
  const field = (name: string): string => `reviews[${reviewId}].${name}`;
  const ratingText = inlineText(block.find('[data-hook="review-star-rating"] .a-icon-alt, [data-hook="cmps-review-star-rating"] .a-icon-alt'));
  const rating = parseRating(ratingText);
  if (rating === null) fail(context, problem(ratingText), field('rating'), `review ${reviewId} has no readable star rating (${ratingText ?? 'none'})`);
  const dateText = inlineText(block.find('[data-hook="review-date"]'));
  const date = parseReviewDate(dateText);
  if (date === null) fail(context, problem(dateText), field('review_date'), `review ${reviewId} has no readable date (${dateText ?? 'none'})`);
  return {
    review_id: reviewId,
    asin,
    rating: Math.round(rating),
    title: inlineText(block.find('[data-hook="review-title"], [data-hook="reviewTitle"]'), 'i, .a-icon-alt, .a-letter-space'),
    body: blockText(block.find('[data-hook="reviewRichContentContainer"], [data-hook="review-collapsed"], [data-hook="review-body"]'), BODY_CONTROLS),
    // Each name appears twice (avatar and name), and other profile names sit outside the review: take the first inside.
    author: inlineText(block.find('[data-hook="genome-widget"] .a-profile-name')) ?? inlineText(block.find('.a-profile-name')),
    review_date: date.date,
    country: date.country,
    verified_purchase: block.find('[data-hook="avp-badge"], [data-hook="avp-badge-linkless"]').length > 0,
    helpful_votes: parseHelpfulVotes(inlineText(block.find('[data-hook="helpful-vote-statement"]'))) ?? 0,
    variant: variant(block),
  };
}

/** "Size: 27-Inch | Style: Curved": the format strip separates attributes with icons, not text. */
function variant(block: Cheerio<AnyNode>): string | null {
  const strip = block.find('[data-hook="format-strip"], [data-hook="format-strip-linkless"]').first().clone();
  strip.find('i.a-icon-text-separator').replaceWith(' | ');
  return inlineText(strip);
}

function problem(text: string | null): ExtractionProblem {
  return text === null ? 'EXTRACT_MISSING_FIELD' : 'EXTRACT_UNREADABLE_FIELD';
}

function fail(context: PageContext, code: ExtractionProblem, field: string, message: string): never {
  throw new ExtractionError(code, field, message, { location: context.location });
}
