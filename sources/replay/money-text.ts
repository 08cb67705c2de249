import { parseScaledDecimal } from './scaled-decimal.ts';

/** An amount in minor units of its currency, or why the text is not one. */
export type MoneyText = { readonly minor: number; readonly currency: string } | { readonly problem: string };

/** Symbols that name one currency; "$" is handled apart, as it names the caller's dollar. */
const SYMBOLS: Readonly<Record<string, string>> = { '₹': 'INR', 'Rs.': 'INR', Rs: 'INR', '£': 'GBP', '€': 'EUR', '¥': 'JPY', '￥': 'JPY', 'US$': 'USD' };
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'MXN', 'SGD']);
const AMOUNT = /^(\D*?)\s*(\d[\d.,]*)\s*(\D*)$/;
const ISO_CODES = new Set(Intl.supportedValuesOf('currency'));
const digitsByCurrency = new Map<string, number>();

/**
 * Reads a price as the CSVs write it: "₹32,999", "₹1,44,900", "$1,299.50", "125.1", "INR 499".
 * A text without a symbol is in `currency`; a symbol or ISO code that names another currency is a
 * problem, since one record holds amounts in one currency. Digits are read exactly (see
 * parseScaledDecimal) at the currency's minor-unit scale (2 for INR and USD, 0 for JPY).
 */
export function parseMoneyText(text: string, currency: string | null): MoneyText {
  const match = AMOUNT.exec(text.trim());
  if (match === null) return { problem: `'${text}' is not an amount` };
  const [, before = '', digits = '', after = ''] = match;
  const marks = [before.trim(), after.trim()].filter((m) => m !== '');
  if (marks.length > 1) return { problem: `'${text}' is not an amount` };
  const named = marks.length === 0 ? currency : currencyOfMark(marks[0] ?? '', currency);
  if (named === null) return { problem: `'${text}' names no currency this reader knows` };
  if (currency !== null && named !== currency) return { problem: `'${text}' is in ${named}, not ${currency}` };
  const amount = parseScaledDecimal(digits, minorDigits(named));
  return 'problem' in amount ? amount : { minor: amount.value, currency: named };
}

function currencyOfMark(mark: string, currency: string | null): string | null {
  if (mark === '$') return currency !== null && DOLLARS.has(currency) ? currency : 'USD';
  if (/^[A-Z]{3}$/.test(mark)) return ISO_CODES.has(mark) ? mark : null;
  return SYMBOLS[mark] ?? null;
}

/** Decimal places of a currency's minor unit, as ISO 4217 (and so Intl) defines them. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
