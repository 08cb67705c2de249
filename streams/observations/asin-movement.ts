import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';
import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import { composite, count, max, min, sum } from '../aggregations/index.ts';
import type { StreamRecord } from '../stream-record.ts';
import type { WindowResult } from '../window-aggregate.ts';
import { windowAggregateRecord } from '../window-aggregate-record.ts';

/** The metrics of the per-ASIN movement windows, one WindowAggregate record each per window. */
export const ASIN_MOVEMENT_METRICS = { price: 'asin_price_per_hour', rank: 'asin_sales_rank_per_hour' } as const;

/**
 * The group of an observation's movement window: its ASIN, marketplace and (normalised) currency.
 * Prices of one group share a currency, so they are compared and summed as they are.
 */
export const asinMovementGroup = (o: EnrichedObservation): string => `${o.asin}|${o.marketplace}|${o.currency}`;

/** The currency of a movement group (its last part). */
const currencyOf = (group: string): string => group.slice(group.lastIndexOf('|') + 1);

/**
 * How an ASIN moved in a window: its readings, the price range and the sales-rank range. An
 * observation without a price (or rank) counts as a reading and leaves the price (or rank) out.
 */
export const asinMovementMeasures = composite<StreamRecord<EnrichedObservation>>()({
  readings: { of: count() },
  prices: { of: count(), value: (r) => (r.value.price_minor === null ? null : 1) },
  priceSum: { of: sum(), value: (r) => r.value.price_minor },
  lowestPrice: { of: min(), value: (r) => r.value.price_minor },
  highestPrice: { of: max(), value: (r) => r.value.price_minor },
  ranks: { of: count(), value: (r) => (r.value.sales_rank === null ? null : 1) },
  rankSum: { of: sum(), value: (r) => r.value.sales_rank },
  bestRank: { of: min(), value: (r) => r.value.sales_rank },
  worstRank: { of: max(), value: (r) => r.value.sales_rank },
});

export type AsinMovement = ReturnType<typeof asinMovementMeasures.result>;

/**
 * A movement window as output records: the price statistics in minor units of the group's
 * currency and the sales-rank statistics, each left out when the window holds none of it (a window
 * is emitted only with at least one value, as the WindowAggregate schema promises).
 */
export function asinMovementAggregates(w: WindowResult<AsinMovement>): WindowAggregate[] {
  const m = w.result;
  const out: WindowAggregate[] = [];
  if (m.prices > 0) {
    out.push(windowAggregateRecord(w, { metric: ASIN_MOVEMENT_METRICS.price, unit: 'MINOR_UNITS', currency: currencyOf(w.group), count: m.prices, sum: m.priceSum, min: m.lowestPrice ?? 0, max: m.highestPrice ?? 0 }));
  }
  if (m.ranks > 0) {
    out.push(windowAggregateRecord(w, { metric: ASIN_MOVEMENT_METRICS.rank, unit: 'RANK', currency: null, count: m.ranks, sum: m.rankSum, min: m.bestRank ?? 0, max: m.worstRank ?? 0 }));
  }
  return out;
}
