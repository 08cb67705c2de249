/**
 * Every amount of an order in its reporting currency. Orders are reported in their own currency:
 * no exchange-rate source feeds the pipeline, and the KPIs are split by currency, so amounts in
 * different currencies are never summed and nothing needs converting. The rate is kept in the
 * record (1.000000) so a converted order later is a change of values, not of shape.
 */
export interface ReportingCurrency {
  /** ISO 4217 code of every amount after enrichment. */
  readonly currency: string;
  /** ISO 4217 code the order was placed in. */
  readonly originalCurrency: string;
  /** Units of `currency` per unit of `originalCurrency`, × 1,000,000. */
  readonly fxRateMicros: number;
}

const SAME = 1_000_000;
const ISO_4217: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** The ISO 4217 code `code` names (" usd" is USD), or undefined when it names none. */
export function isoCurrency(code: string): string | undefined {
  const normal = code.trim().toUpperCase();
  return ISO_4217.has(normal) ? normal : undefined;
}

/** The reporting currency of an order placed in `code`; undefined when `code` is no ISO 4217 code. */
export function reportingCurrency(code: string): ReportingCurrency | undefined {
  const iso = isoCurrency(code);
  return iso === undefined ? undefined : { currency: iso, originalCurrency: iso, fxRateMicros: SAME };
}
