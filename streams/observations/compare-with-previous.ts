import { map, type OperatorFunction } from 'rxjs';
import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';
import type { Batch } from '../batch.ts';
import type { StateStore } from '../state-store.ts';
import { movementOf, type ObservationMovement, type ObservationReading } from './observation-movement.ts';

/** An observation and how it moved from the previous one of its ASIN and marketplace. */
export interface ComparedObservation {
  readonly observation: MarketplaceObservation;
  readonly movement: ObservationMovement;
}

/** The latest readings of one ASIN in one marketplace, oldest first. */
export type ReadingHistory = readonly ObservationReading[];

/** Readings kept per ASIN and marketplace: enough for a replayed or late observation to find the one before it. */
export const HISTORY_LENGTH = 8;

const readingOf = (o: MarketplaceObservation): ObservationReading => ({
  at: o.observed_at,
  priceMinor: o.price_minor,
  currency: o.currency,
  rank: o.sales_rank,
  rankCategory: o.sales_rank_category,
});

/**
 * Compares each observation with the previous one of the same ASIN and marketplace: the latest
 * reading observed before it, whatever the order of arrival. The store keeps the newest readings
 * per key, so a replayed observation finds the same previous reading as the first time and its
 * movement is the same; one observed at the same time as a kept reading does not replace it.
 * Deduplicate upstream: a duplicate is compared like any other observation.
 */
export function compareWithPrevious(store: StateStore<ReadingHistory>): OperatorFunction<Batch<MarketplaceObservation>, Batch<ComparedObservation>> {
  return map((batch) => ({
    ...batch,
    records: batch.records.map((record) => {
      const observation = record.value;
      const key = `${observation.asin}|${observation.marketplace}`;
      const history = store.get(key) ?? [];
      const current = readingOf(observation);
      const previous = history.filter((r) => r.at < current.at).at(-1) ?? null;
      if (!history.some((r) => r.at === current.at)) {
        store.set(key, [...history, current].sort((a, b) => a.at - b.at).slice(-HISTORY_LENGTH));
      }
      return { ...record, value: { observation, movement: movementOf(previous, current) } };
    }),
  }));
}
