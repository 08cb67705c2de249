import type { Availability } from '../../../schemas/types/crawled-product-page.ts';

/** First match wins: "Only 2 left in stock" says "in stock" too, and "Temporarily out of stock" says "out of stock". */
const RULES: readonly (readonly [RegExp, Availability])[] = [
  [/only \d+ left in stock/i, 'LOW_STOCK'],
  [/temporarily out of stock|back-?order/i, 'BACK_ORDER'],
  [/pre-?order|will be released on|not yet released/i, 'PRE_ORDER'],
  [/currently unavailable|out of stock|no longer available|unavailable/i, 'UNAVAILABLE'],
  [/in stock/i, 'IN_STOCK'],
];

/** Stock state of an English availability line ("In Stock.", "Only 2 left in stock - order soon."); UNKNOWN for anything else. */
export function classifyAvailability(text: string | null): Availability {
  if (text === null) return 'UNKNOWN';
  return RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'UNKNOWN';
}
