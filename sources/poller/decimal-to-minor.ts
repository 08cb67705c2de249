/** An amount in minor units, or why it is not one. */
export type MinorUnits = { readonly minor: number } | { readonly problem: 'invalid' | 'inexact'; readonly reason: string };

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads an API amount, a decimal string ("19.90") or a JSON number (19.9), as a whole number of
 * minor units with `digits` decimals, by string arithmetic: 4.35 * 100 is 434.99999999999994 in
 * floating point, "4.35" read digit by digit is 435. A JSON number is taken by its shortest
 * round-trip text, which is the literal the API wrote. Negative, exponent forms and amounts
 * beyond 2^53 are invalid; decimals past the currency's minor unit must be zeros (else inexact).
 */
export function decimalToMinor(amount: string | number, digits: number): MinorUnits {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null) return { problem: 'invalid', reason: `${JSON.stringify(amount)} is not a non-negative decimal number` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.slice(digits).replaceAll('0', '') !== '') {
    return { problem: 'inexact', reason: `${JSON.stringify(amount)} has more than ${digits} decimal places` };
  }
  const minor = Number(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return { problem: 'invalid', reason: `${JSON.stringify(amount)} is too large` };
  return { minor };
}
