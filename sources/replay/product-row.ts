import { RowError } from '../../errors/index.ts';
import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';
import { asinInPath } from '../crawler/extract/find-asin.ts';
import { storefrontOfHost } from '../crawler/extract/storefronts.ts';
import { parseMoneyText } from './money-text.ts';
import type { RowPosition } from './row-position.ts';
import { parseScaledDecimal } from './scaled-decimal.ts';

/** The 9 columns of the Kaggle "Amazon Products Sales Dataset 2023" files. */
export const PRODUCT_COLUMNS = [
  'name', 'main_category', 'sub_category', 'image', 'link', 'ratings', 'no_of_ratings', 'discount_price', 'actual_price',
] as const;

export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

/** Why a value became null: the schema keeps the row and drops what cannot be read. */
export type NullReason = 'empty' | 'not-a-number' | 'out-of-range' | 'decimal-count' | 'not-a-count' | 'not-a-price';

/** A value of the row that the record carries as null, and why. */
export interface NulledValue {
  readonly field: ProductColumn;
  readonly reason: NullReason;
  readonly value: string;
}

export interface ParsedProductRow {
  readonly product: CatalogProduct;
  readonly nulled: readonly NulledValue[];
}

/** The Kaggle files are amazon.in listings; the schema's default currency when nothing says otherwise. */
const FALLBACK_CURRENCY = 'INR';
const INT32_MAX = 2 ** 31 - 1;

/**
 * One product CSV row as a CatalogProduct. The ASIN comes from the link's /dp/ASIN and the
 * storefront from its host; a row without an ASIN is invalid (RowError ROW_INVALID). Numbers that
 * cannot be read become null, as the schema says, and are reported in `nulled`: "Get" as a
 * rating, "FREE Delivery by Amazon" or "Only 2 left in stock." as a count, "24.0" as a count (a
 * rating shifted one column), empty prices.
 */
export function parseProductRow(values: Readonly<Record<ProductColumn, string>>, at: RowPosition): ParsedProductRow {
  const asin = asinInPath(values.link);
  if (asin === undefined) {
    throw new RowError('ROW_INVALID', `link: no /dp/ASIN in '${values.link.slice(0, 200)}'`, at, 'link');
  }
  const nulled: NulledValue[] = [];
  const drop = (field: ProductColumn, reason: NullReason): null => {
    nulled.push({ field, reason, value: values[field] });
    return null;
  };
  const storefront = storefrontOfHost(hostOf(values.link));
  const currency = storefront?.currency ?? symbolCurrency(values.discount_price, values.actual_price) ?? FALLBACK_CURRENCY;
  const price = (field: 'discount_price' | 'actual_price'): number | null => {
    if (values[field] === '') return drop(field, 'empty');
    const amount = parseMoneyText(values[field], currency);
    return 'problem' in amount ? drop(field, 'not-a-price') : amount.minor;
  };

  const product: CatalogProduct = {
    asin,
    name: values.name,
    main_category: values.main_category,
    sub_category: values.sub_category,
    image: values.image,
    link: values.link,
    ratings: ratingOf(values.ratings, (reason) => drop('ratings', reason)),
    no_of_ratings: countOf(values.no_of_ratings, (reason) => drop('no_of_ratings', reason)),
    discount_price_minor: price('discount_price'),
    actual_price_minor: price('actual_price'),
    currency,
    marketplace: storefront?.marketplace ?? 'UNKNOWN',
  };
  return { product, nulled };
}

function ratingOf(text: string, drop: (reason: NullReason) => null): number | null {
  if (text === '') return drop('empty');
  if (!/^\d+(?:\.\d+)?$/.test(text)) return drop('not-a-number');
  const stars = Number(text);
  return stars >= 1 && stars <= 5 ? stars : drop('out-of-range');
}

function countOf(text: string, drop: (reason: NullReason) => null): number | null {
  if (text === '') return drop('empty');
  // Counts are whole; "24.0" is a rating that slid into the count column (the README's reading).
  if (/^\d+\.\d+$/.test(text)) return drop('decimal-count');
  const count = parseScaledDecimal(text, 0);
  if ('problem' in count) return drop('not-a-count');
  return count.value <= INT32_MAX ? count.value : drop('out-of-range');
}

function hostOf(link: string): string {
  return URL.canParse(link) ? new URL(link).hostname : '';
}

/** The currency a price's own symbol names, for links outside Amazon's known storefronts. */
function symbolCurrency(...prices: string[]): string | undefined {
  for (const text of prices) {
    const amount = text === '' ? undefined : parseMoneyText(text, null);
    if (amount !== undefined && 'currency' in amount) return amount.currency;
  }
  return undefined;
}
