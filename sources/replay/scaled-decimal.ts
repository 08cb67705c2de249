/** An exact decimal read as a whole number of 10^-scale units, or why the text is not one. */
export type ScaledDecimal = { readonly value: number } | { readonly problem: string };

/**
 * Plain digits, or digits grouped by commas in thousands (32,999; 1,234,567) or the Indian way
 * (1,44,900: thousands, then hundreds of thousands); an optional decimal point and fraction.
 */
const DECIMAL = /^(\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})(?:\.(\d+))?$/;

/**
 * Reads "1,299.50" as 129950 at scale 2 by string arithmetic, never through a float: 0.1 + 0.2
 * style errors cannot creep into money. Fraction digits beyond the scale must be zeros, since an
 * amount that is not a whole number of minor units is not exact (and likely not money).
 */
export function parseScaledDecimal(text: string, scale: number): ScaledDecimal {
  const match = DECIMAL.exec(text);
  if (match === null) return { problem: `'${text}' is not a decimal number` };
  const whole = (match[1] ?? '').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.slice(scale).replaceAll('0', '') !== '') {
    return { problem: `'${text}' has more than ${scale} decimal places` };
  }
  const value = Number(whole + fraction.slice(0, scale).padEnd(scale, '0'));
  return Number.isSafeInteger(value) ? { value } : { problem: `'${text}' is too large` };
}
