import type { MappingProblem } from '../../../../errors/index.ts';
import type { ApiItemTruth, ItemDefect } from '../../../../sources/fixtures/marketplace-api/api-item.ts';
import type { MarketplaceObservation } from '../../../../schemas/types/marketplace-observation.ts';

/** The dead-letter reason each fixture defect must get: code and field. */
export const DEFECT_REASONS: Readonly<Record<ItemDefect, readonly [MappingProblem, string]>> = {
  'missing-asin': ['MAPPING_MISSING_FIELD', 'asin'],
  'bad-asin': ['MAPPING_INVALID_FIELD', 'asin'],
  'inexact-price': ['MAPPING_INEXACT_AMOUNT', 'price.amount'],
  'unknown-currency': ['MAPPING_INVALID_FIELD', 'price.currency'],
  'bad-observed-at': ['MAPPING_INVALID_FIELD', 'observedAt'],
  'negative-units': ['MAPPING_INVALID_FIELD', 'estimates.monthlyUnits'],
  'price-not-a-number': ['MAPPING_INVALID_FIELD', 'price.amount'],
  'currency-mismatch': ['MAPPING_INVALID_FIELD', 'estimates.monthlyRevenue.currency'],
};

/** The observation a well-formed fixture item must become, straight from the fixture's ground truth. */
export function expectedObservation(truth: ApiItemTruth, source: string): MarketplaceObservation {
  const r = truth.reading;
  return {
    asin: r.asin,
    marketplace: r.marketplace,
    source,
    price_minor: r.priceMinor,
    currency: r.currency,
    sales_rank: r.salesRank,
    sales_rank_category: r.salesRankCategory,
    estimated_monthly_units: r.monthlyUnits,
    estimated_monthly_revenue_minor: r.monthlyRevenueMinor,
    observed_at: r.observedAt,
  };
}
