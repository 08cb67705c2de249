import { load, type CheerioAPI } from 'cheerio';
import { collapseWhitespace } from './element-text.ts';

/**
 * Which of Amazon's answers to automated clients a blocked page is: a captcha (robot check),
 * the "Sorry, something went wrong" dog page, the 503 "Service Unavailable" page that points to
 * the API support address, or a bare throttling answer (429, "Request was throttled").
 */
export type BlockedKind = 'captcha' | 'something-went-wrong' | 'service-unavailable' | 'throttled';

/** What a fetched page is, decided before any field is read. */
export type PageVerdict =
  | { readonly kind: 'product' | 'reviews' | 'search' }
  | { readonly kind: 'blocked'; readonly reason: BlockedKind }
  | { readonly kind: 'unrecognized'; readonly reason: string };

/** Tested in this order: the captcha page also names the API support address, the dog page may too. */
const BLOCKED_TEXT: readonly (readonly [BlockedKind, readonly RegExp[]])[] = [
  ['captcha', [/Enter the characters you see below/i, /Type the characters you see in this image/i, /make sure you(?:'|’)re not a robot/i]],
  ['something-went-wrong', [/Sorry[!,.]?\s+Something went wrong/i]],
  ['throttled', [/Request was throttled/i]],
  ['service-unavailable', [/api-services-support@amazon\.com/i, /automated access to Amazon data/i, /\bService (?:Temporarily )?Unavailable\b/i]],
];
const NOT_FOUND_TEXT = [/Sorry! We couldn't find that page/i, /Looking for something\?/i, /Page Not Found/i];

/**
 * Classifies a page. A blocked page is never data, whatever else it holds; a data page is
 * recognized by the containers Amazon renders in both page generations (2019 server HTML and
 * 2026 browser-rendered DOM), not by its URL, which a redirect can keep.
 */
export function pageVerdict($: CheerioAPI): PageVerdict {
  const title = collapseWhitespace($('title').first().text());
  if ($('form[action*="validateCaptcha"], #captchacharacters').length > 0 || /Robot Check/i.test(title)) return { kind: 'blocked', reason: 'captcha' };
  const kind = dataKind($);
  // Data pages are large and may carry these phrases in templates; a blocked page has only its message.
  const text = kind === null ? visibleText($) : title;
  const blocked = blockedKind(text);
  if (blocked !== null) return { kind: 'blocked', reason: blocked };
  if (kind !== null) return { kind };
  if (NOT_FOUND_TEXT.some((re) => re.test(text))) return { kind: 'unrecognized', reason: 'page not found' };
  return { kind: 'unrecognized', reason: 'no product, reviews or search-results markup' };
}

/**
 * The kind of block an error answer (503, 429) shows, judged like any page; a status alone tells
 * throttling (429) from an outage (503) when the body says nothing.
 */
export function blockedAnswerKind(html: string, status: 429 | 503): BlockedKind {
  const verdict = pageVerdict(load(html));
  if (verdict.kind === 'blocked') return verdict.reason;
  return status === 429 ? 'throttled' : 'service-unavailable';
}

function blockedKind(text: string): BlockedKind | null {
  return BLOCKED_TEXT.find(([, patterns]) => patterns.some((re) => re.test(text)))?.[0] ?? null;
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
