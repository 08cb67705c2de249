export interface Price {
  /** Amount in minor units of the currency (cents, paise; yen have none). */
  readonly minor: number;
  /** ISO 4217 code; null when neither the text nor the caller's hint names one. */
  readonly currency: string | null;
}

/** Symbols Amazon prints next to prices, the longer before the shorter ("R$" before "$"). */
const SYMBOLS: readonly (readonly [string, string])[] = [
  ['R$', 'BRL'], ['CA$', 'CAD'], ['C$', 'CAD'], ['AU$', 'AUD'], ['A$', 'AUD'], ['S$', 'SGD'], ['MX$', 'MXN'],
  ['US$', 'USD'], ['zł', 'PLN'], ['kr', 'SEK'], ['TL', 'TRY'], ['₺', 'TRY'], ['₹', 'INR'], ['£', 'GBP'],
  ['€', 'EUR'], ['¥', 'JPY'], ['￥', 'JPY'], ['ر.س', 'SAR'], ['د.إ', 'AED'], ['ج.م', 'EGP'], ['R', 'ZAR'], ['$', 'USD'],
];
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'MXN', 'SGD']);
const ISO_CODES = new Set(Intl.supportedValuesOf('currency'));
/** Digits with separators; a space only groups thousands when exactly three digits follow. */
const PRICE = /(\S*?)\s*(\d+(?:(?:[.,']|[\u00a0\u202f ](?=\d{3}(?!\d)))\d+)*)\s*(\S*)/;

/**
 * Reads a price as Amazon prints it in any storefront: "$35.99", "₹32,999", "£1,299.00",
 * "EUR 12,50", "1.299,00 €", "￥1,980". `hint` is the storefront's currency: it tells which
 * dollar "$" is, and names the currency when the text has no symbol. Hand-written: Intl
 * formats prices but does not parse them, and the page's locale is not known in advance, so the
 * decimal separator is inferred from the digits.
 */
export function parsePrice(text: string | null | undefined, hint: string | null = null): Price | null {
  const match = text == null ? null : PRICE.exec(text);
  if (match?.[2] === undefined) return null;
  const currency = currencyOf([match[1] ?? '', match[3] ?? ''], hint);
  const digits = currency === null ? 2 : minorDigits(currency);
  const value = decimalValue(match[2], digits);
  return Number.isFinite(value) ? { minor: Math.round(value * 10 ** digits), currency } : null;
}

function currencyOf(tokens: readonly string[], hint: string | null): string | null {
  for (const token of tokens) {
    const letters = token.replace(/[^A-Za-z]/g, '');
    if (/^[A-Z]{3}$/.test(letters) && ISO_CODES.has(letters)) return letters;
  }
  for (const token of tokens) {
    const symbol = SYMBOLS.find(([s]) => (/\p{L}/u.test(s) ? bare(token) === bare(s) : token.includes(s)));
    if (symbol === undefined) continue;
    return symbol[0] === '$' && hint !== null && DOLLARS.has(hint) ? hint : symbol[1];
  }
  return hint;
}

/** A symbol made of letters must be the whole token: "R" is a rand, "Regular" is not. */
function bare(token: string): string {
  return token.replace(/[^\p{L}$]/gu, '');
}

function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "1,299.00", "1.299,00", "12,50", "32,999", "1,23,456": a lone last separator before one or two digits is decimal. */
function decimalValue(amount: string, digits: number): number {
  const compact = amount.replace(/['\u00a0\u202f ]/g, '');
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  if (last < 0) return Number(compact);
  const separator = compact.charAt(last);
  const onlyOnce = compact.indexOf(separator) === last;
  const otherSeen = compact.includes(separator === '.' ? ',' : '.');
  const isDecimal = digits > 0 && (otherSeen || (onlyOnce && compact.length - last - 1 !== 3));
  if (!isDecimal) return Number(compact.replace(/[.,]/g, ''));
  return Number(`${compact.slice(0, last).replace(/[.,]/g, '')}.${compact.slice(last + 1)}`);
}
