import type { CheerioAPI } from 'cheerio';
import { collapseWhitespace } from './element-text.ts';

/** What a fetched page is, decided before any field is read. */
export type PageVerdict =
  | { readonly kind: 'product' | 'reviews' | 'search' }
  | { readonly kind: 'blocked'; readonly reason: 'throttled' | 'robot-check' }
  | { readonly kind: 'unrecognized'; readonly reason: string };

const CAPTCHA_TEXT = [/Enter the characters you see below/i, /Type the characters you see in this image/i];
const THROTTLE_TEXT = [/Sorry! Something went wrong/i, /Request was throttled/i, /503 Service (?:Temporarily )?Unavailable/i];
/** Amazon's bot wall without a captcha; its 503 page may say it too, so throttling is tested first. */
const AUTOMATED_ACCESS_TEXT = [/To discuss automated access to Amazon data/i];
const NOT_FOUND_TEXT = [/Sorry! We couldn't find that page/i, /Looking for something\?/i, /Page Not Found/i];

/**
 * Classifies a page. A robot check or a throttling page is never data, whatever else it holds;
 * a data page is recognized by the containers Amazon renders in both page generations (2019
 * server HTML and 2026 browser-rendered DOM), not by its URL, which a redirect can keep.
 */
export function pageVerdict($: CheerioAPI): PageVerdict {
  const title = collapseWhitespace($('title').first().text());
  if ($('form[action*="validateCaptcha"]').length > 0 || /Robot Check/i.test(title)) return { kind: 'blocked', reason: 'robot-check' };
  const kind = dataKind($);
  // Data pages are large and may carry these phrases in templates; a blocked page has only its message.
  const text = kind === null ? visibleText($) : title;
  if (CAPTCHA_TEXT.some((re) => re.test(text))) return { kind: 'blocked', reason: 'robot-check' };
  if (THROTTLE_TEXT.some((re) => re.test(text))) return { kind: 'blocked', reason: 'throttled' };
  if (AUTOMATED_ACCESS_TEXT.some((re) => re.test(text))) return { kind: 'blocked', reason: 'robot-check' };
  if (kind !== null) return { kind };
  if (NOT_FOUND_TEXT.some((re) => re.test(text))) return { kind: 'unrecognized', reason: 'page not found' };
  return { kind: 'unrecognized', reason: 'no product, reviews or search-results markup' };
}

function dataKind($: CheerioAPI): 'product' | 'reviews' | 'search' | null {
  if ($('#cm_cr-review_list, [data-hook="cr-filter-info-review-rating-count"]').length > 0) return 'reviews';
  if ($('link[rel="canonical"][href*="/product-reviews/"]').length > 0) return 'reviews';
  if ($('#dp-container, #ppd, #productTitle, #centerCol').length > 0) return 'product';
  if ($('[data-component-type="s-search-result"], .s-main-slot, .s-result-list').length > 0) return 'search';
  return null;
}

function visibleText($: CheerioAPI): string {
  const body = $('body').clone();
  body.find('script, style, noscript, template').remove();
  return `${collapseWhitespace($('title').first().text())} ${collapseWhitespace(body.text())}`;
}
