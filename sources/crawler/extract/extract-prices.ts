import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { inlineText } from './element-text.ts';
import type { PageContext } from './page-context.ts';
import { parsePrice, type Price } from './parse-price.ts';

export interface BuyBoxPrices {
  readonly price: Price | null;
  readonly listPrice: Price | null;
}

/**
 * Buy-box widgets of both layouts. Rendered pages hold one per offer row (Prime price, regular
 * price) and repeat them in the centre and right columns; the first in document order belongs
 * to the row the page opens with.
 */
const PRICE_BOXES = '#corePriceDisplay_desktop_feature_div, #corePrice_desktop, #corePrice_feature_div, #apex_desktop';
/** The amount to pay inside a buy-box widget: a price that is not struck through. */
const PRICE_TO_PAY = '.priceToPay, .apexPriceToPay, .a-price:not(.a-text-price):not([data-a-strike="true"])';
const LIST_PRICE_IN_BOX = '.basisPrice .a-price, .a-price[data-a-strike="true"]';
/** 2019-era server pages: one element per price, by id. */
const LEGACY_PRICES = '#priceblock_dealprice, #priceblock_ourprice, #priceblock_saleprice, #price_inside_buybox, #newBuyBoxPrice, #kindle-price';
const LEGACY_LIST_PRICES = '.priceBlockStrikePriceString, #listPrice, #price .a-text-strike';

/**
 * The price to pay and the list (strike-through) price of the buy box. Amazon pages hold dozens
 * of `.a-offscreen` prices (other sellers, sponsored products, accessories), and in rendered
 * pages the buy box's own `.a-offscreen` can be empty, so prices are read only inside the
 * buy-box widgets, from the screen-reader text or else the visible symbol and digits.
 */
export function extractPrices(context: PageContext): BuyBoxPrices {
  const { $ } = context;
  for (const box of $(PRICE_BOXES).toArray()) {
    const price = firstPrice($, $(box).find(PRICE_TO_PAY), context.currency);
    // The right-column offer row shows no list price where the centre column does: any buy-box widget counts.
    if (price !== null) return { price, listPrice: firstPrice($, $(PRICE_BOXES).find(LIST_PRICE_IN_BOX), price.currency) };
  }
  const price = firstPrice($, $(LEGACY_PRICES), context.currency);
  return { price, listPrice: price === null ? null : firstPrice($, $(LEGACY_LIST_PRICES), price.currency) };
}

function firstPrice($: CheerioAPI, candidates: Cheerio<AnyNode>, currency: string | null): Price | null {
  for (const candidate of candidates.toArray()) {
    const price = parsePrice(priceText($(candidate)), currency);
    if (price !== null) return price;
  }
  return null;
}

/** `.a-price` keeps the amount twice: screen-reader text (sometimes empty) and visible symbol/whole/fraction. */
function priceText(element: Cheerio<AnyNode>): string | null {
  if (!element.hasClass('a-price')) return inlineText(element);
  return inlineText(element.find('.a-offscreen')) ?? inlineText(element.find('[aria-hidden="true"]'))?.replace(/\s+/g, '') ?? null;
}
