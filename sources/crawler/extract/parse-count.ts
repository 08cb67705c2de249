/** A number grouped in thousands (1,234 / 1.234 / 1 234), or a plain or decimal one, with an optional K or M. */
const COUNT = /(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)\s*([KkMm](?![a-z]))?/;
const MULTIPLIER: Readonly<Record<string, number>> = { k: 1_000, m: 1_000_000 };

/**
 * First count in a label: "82 ratings", "(226)", "1,234 global ratings", "4,888 total ratings,
 * 523 with reviews" (4888), "1.234 Sternebewertungen", and the abbreviated "(9.1K)" that newer
 * pages show (9100: the page itself rounds, so that is all it tells). Null when there is none.
 */
export function parseCount(text: string | null | undefined): number | null {
  if (text == null) return null;
  const match = COUNT.exec(text);
  if (match?.[1] === undefined) return null;
  const [, digits, suffix] = match;
  if (suffix !== undefined) {
    return Math.round(Number(digits.replace(',', '.')) * (MULTIPLIER[suffix.toLowerCase()] ?? 1));
  }
  const grouped = /^\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+$/.test(digits);
  if (!grouped && /[.,]/.test(digits)) return null; // "4.5" is a rating, not a count
  return Number(digits.replace(/\D/g, ''));
}

/**
 * Helpful votes from "12 people found this helpful" or "One person found this helpful" (Amazon
 * writes one as a word); null when the statement holds no count.
 */
export function parseHelpfulVotes(text: string | null | undefined): number | null {
  if (text == null) return null;
  const count = parseCount(text);
  if (count !== null) return count;
  return /^\s*(?:one|eine|une|una|uno|een|en)\b/i.test(text) ? 1 : null;
}
