import { ExtractionError } from '../../../errors/index.ts';
import type { CrawledProductPage } from '../../../schemas/types/crawled-product-page.ts';
import { classifyAvailability } from './classify-availability.ts';
import { inlineText } from './element-text.ts';
import { extractBestSellerRanks } from './extract-best-seller-ranks.ts';
import { extractImages } from './extract-images.ts';
import { extractPrices } from './extract-prices.ts';
import { asinInPath, findAsin } from './find-asin.ts';
import type { PageContext } from './page-context.ts';
import { parseCount } from './parse-count.ts';
import { parseRating } from './parse-rating.ts';

/**
 * What a product page shows, named as in crawled-product-page.avsc; the crawler adds fetched_at,
 * crawl_job_id and raw_html_key. `url` and `currency` are null only when neither the page nor
 * its URL names an Amazon storefront and no price carries a currency.
 */
export type ExtractedProduct = Omit<CrawledProductPage, 'url' | 'currency' | 'fetched_at' | 'crawl_job_id' | 'raw_html_key'> & {
  url: string | null;
  currency: string | null;
};

/** "Visit the charmast Store", "Brand: ChangM" and translations, around the brand's name. */
const BYLINES = [/^Visit the (.+) Store$/i, /^Brand:\s*(.+)$/i, /^Marke:\s*(.+)$/i, /^Marque\s*:\s*(.+)$/i, /^Besuchen Sie den (.+)-Store$/i];
const SOLD_BY = /sold by (.+?)(?:\s+and\s+(?:Fulfilled|ships)\b|\.\s*$|$)/i;

/**
 * Reads a product detail page. Throws ExtractionError when the page yields no ASIN, no title,
 * or no price while it does not say the product is unavailable: such a layout is one the
 * extractor does not know, and the crawler dead-letters the page with its raw HTML key.
 */
export function extractProduct(context: PageContext): ExtractedProduct {
  const { $ } = context;
  const asin = findAsin(context) ?? missing(context, 'asin', 'no ASIN in the canonical URL, the add-to-cart form or the page URL');
  const title =
    inlineText($('span#productTitle')) ?? inlineText($('#productTitle, #title')) ?? textOrNull($('input[name="productTitle"]').val());
  if (title === null) missing(context, 'title', `product page ${asin} has no title (#productTitle)`);
  const availabilityText = inlineText($('#availability'), '.aok-hidden') ?? inlineText($('#outOfStock'));
  const availability = classifyAvailability(availabilityText);
  const { price, listPrice } = extractPrices(context);
  if (price === null && availability !== 'UNAVAILABLE') {
    missing(context, 'price', `product page ${asin} has no buy-box price and does not say it is unavailable`);
  }
  return {
    asin,
    url: productUrl(context, asin),
    marketplace: context.marketplace,
    title,
    brand: brand(context),
    price_minor: price?.minor ?? null,
    list_price_minor: listPrice?.minor ?? null,
    currency: price?.currency ?? listPrice?.currency ?? context.currency,
    rating:
      parseRating($('#acrPopover').first().attr('title')) ??
      parseRating(inlineText($('#acrPopover .a-icon-alt, #averageCustomerReviews .a-icon-alt, [data-hook="rating-out-of-text"]'))),
    review_count: parseCount(inlineText($('#acrCustomerReviewText'))),
    best_seller_ranks: extractBestSellerRanks(context),
    availability,
    availability_text: availabilityText,
    seller: seller(context),
    bullet_points: bulletPoints(context),
    image_urls: extractImages(context),
  };
}

function missing(context: PageContext, field: string, message: string): never {
  throw new ExtractionError('EXTRACT_MISSING_FIELD', field, message, { location: context.location });
}

/** The product's own address, https://www.amazon.com/dp/ASIN: slugs, ref paths and query strings dropped. */
function productUrl(context: PageContext, asin: string): string | null {
  const canonical = context.$('link[rel="canonical"]').attr('href');
  const base = canonical !== undefined && URL.canParse(canonical) ? new URL(canonical) : context.url;
  if (base === undefined) return context.origin === null ? null : `${context.origin}/dp/${asin}`;
  return asinInPath(base.pathname) === undefined ? `${base.origin}${base.pathname}` : `${base.origin}/dp/${asin}`;
}

function brand({ $ }: PageContext): string | null {
  const byline = inlineText($('#bylineInfo'));
  if (byline !== null) {
    for (const pattern of BYLINES) {
      const name = pattern.exec(byline)?.[1];
      if (name !== undefined) return name.trim();
    }
    return byline;
  }
  return inlineText($('.po-brand .po-break-word')) ?? inlineText($('#brand'));
}

function seller({ $ }: PageContext): string | null {
  const named = inlineText($('#sellerProfileTriggerId'));
  if (named !== null) return named;
  const merchant = inlineText($('#merchant-info'));
  const soldBy = merchant === null ? undefined : SOLD_BY.exec(merchant)?.[1];
  if (soldBy !== undefined) return soldBy.trim();
  return inlineText($('[offer-display-feature-name="desktop-merchant-info"] .offer-display-feature-text-message'));
}

function bulletPoints({ $ }: PageContext): string[] {
  const items = $('#feature-bullets li:not(.aok-hidden):not(#replacementPartsFitmentBullet)');
  const list = items.length > 0 ? items : $('#productFactsDesktopExpander li');
  return list
    .toArray()
    .map((li) => inlineText($(li)))
    .filter((text): text is string => text !== null);
}

function textOrNull(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : null;
}
