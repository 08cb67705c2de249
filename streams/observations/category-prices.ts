import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';
import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import { composite, count, max, min, quantiles, sum } from '../aggregations/index.ts';
import type { StreamRecord } from '../stream-record.ts';
import type { WindowResult } from '../window-aggregate.ts';
import { windowAggregateRecord } from '../window-aggregate-record.ts';

/** The metric of the category price windows. */
export const CATEGORY_PRICES_METRIC = 'category_price_per_hour';

/**
 * The group of an observation's category price window: the category the marketplace ranks it in
 * (empty when it gave none), its marketplace and its currency, so prices of one group are
 * comparable. The observation's own category, not the catalog's: the catalog join takes the entry
 * present when the observation is processed, so a replay can join differently, and a window keyed
 * by it would not be rebuilt the same from the log.
 */
export const categoryPriceGroup = (o: EnrichedObservation): string => `${o.sales_rank_category ?? ''}|${o.marketplace}|${o.currency}`;

const currencyOf = (group: string): string => group.slice(group.lastIndexOf('|') + 1);

/** Observed prices of a rank category in a window: how many, their range and sum, and their distribution (p10, p50, p90). */
export const categoryPriceMeasures = composite<StreamRecord<EnrichedObservation>>()({
  prices: { of: count(), value: (r) => (r.value.price_minor === null ? null : 1) },
  total: { of: sum(), value: (r) => r.value.price_minor },
  lowest: { of: min(), value: (r) => r.value.price_minor },
  highest: { of: max(), value: (r) => r.value.price_minor },
  distribution: { of: quantiles([0.1, 0.5, 0.9]), value: (r) => r.value.price_minor },
});

export type CategoryPrices = ReturnType<typeof categoryPriceMeasures.result>;

/** A category price window as its output record; none for a window of observations without a price. */
export function categoryPriceAggregates(w: WindowResult<CategoryPrices>): WindowAggregate[] {
  const m = w.result;
  if (m.prices === 0) return [];
  return [
    windowAggregateRecord(w, {
      metric: CATEGORY_PRICES_METRIC,
      unit: 'MINOR_UNITS',
      currency: currencyOf(w.group),
      count: m.prices,
      sum: m.total,
      min: m.lowest ?? 0,
      max: m.highest ?? 0,
      quantiles: m.distribution.map((q) => ({ permille: q.permille, value: Math.round(q.value) })),
    }),
  ];
}
