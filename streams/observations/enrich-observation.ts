import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';
import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';
import type { ComparedObservation } from './compare-with-previous.ts';

const DAY_MS = 86_400_000;
/** 1.000000 × 10⁶: amounts stay in the currency observed, as orders do (see ReportingCurrency). */
const SAME_CURRENCY_RATE_MICROS = 1_000_000;

/**
 * An observation enriched: joined with the latest catalog entry of its ASIN (title and category
 * path main category › sub-category; null and empty when the catalog does not know it yet; the
 * catalog names no brand), its movement from the previous observation, and the calendar parts of
 * its observation time. No exchange-rate source feeds the pipeline and the KPIs are split by
 * currency, so amounts stay in the currency observed.
 */
export function enrichObservation(compared: ComparedObservation, product: CatalogProduct | null, enrichedAt: number): EnrichedObservation {
  const { observation: o, movement } = compared;
  // Every observation field is an enriched field of the same name and meaning (price_minor and currency as observed).
  return {
    ...o,
    observed_date: Math.floor(o.observed_at / DAY_MS),
    observed_hour: new Date(o.observed_at).getUTCHours(),
    title: product?.name ?? null,
    brand: null,
    category_path: product === null ? [] : [product.main_category, product.sub_category].filter((c) => c.trim() !== ''),
    original_currency: o.currency,
    fx_rate_micros: SAME_CURRENCY_RATE_MICROS,
    original_price_minor: o.price_minor,
    enriched_at: enrichedAt,
    ...movement,
  };
}
