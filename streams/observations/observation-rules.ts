import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';
import { asinProblem } from '../catalog/asin-format.ts';
import { currencyProblem } from '../catalog/currency-problem.ts';
import type { Rule } from '../validate-records.ts';

const isWholeAtLeast = (value: number | null, least: number): boolean => value === null || (Number.isSafeInteger(value) && value >= least);

/** Business rules of a marketplace observation that its schema cannot express. */
export const observationRules: Readonly<Record<string, Rule<MarketplaceObservation>>> = {
  'asin-format': (o) => asinProblem(o.asin),
  'non-negative-amounts': (o) =>
    isWholeAtLeast(o.price_minor, 0) && isWholeAtLeast(o.estimated_monthly_revenue_minor, 0) && isWholeAtLeast(o.estimated_monthly_units, 0)
      ? undefined
      : `an amount is negative (price ${o.price_minor}, monthly units ${o.estimated_monthly_units}, monthly revenue ${o.estimated_monthly_revenue_minor})`,
  // Rank 1 is the best seller; 0 or below is no rank.
  'positive-rank': (o) => (isWholeAtLeast(o.sales_rank, 1) ? undefined : `sales rank ${o.sales_rank} is not 1 or more`),
  'known-source': (o) => (o.source.trim() === '' ? 'source is empty' : undefined),
  'currency-code': (o) => currencyProblem(o.currency),
};
