import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';

export type Expected = Pick<EnrichedObservation, 'title' | 'previous_price_minor' | 'got_cheaper' | 'previous_sales_rank' | 'rank_jump'>;

/**
 * What the test expects of each distinct observation, computed here in delivery order (one ASIN is
 * one partition): the previous one is the latest earlier observation of the ASIN delivered before
 * it; a drop is a fall of 5% or more, a jump a climb of 20% or more. For observations in one
 * currency and rank category, as the tests produce them.
 */
export function expectedMovements(delivered: readonly MarketplaceObservation[], catalog: ReadonlyMap<string, { readonly name: string }>): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  const seen: MarketplaceObservation[] = [];
  for (const o of delivered) {
    const id = `${o.asin}@${o.observed_at}`;
    if (expected.has(id)) continue;
    const earlier = seen.filter((p) => p.asin === o.asin && p.observed_at < o.observed_at).sort((a, b) => a.observed_at - b.observed_at).at(-1);
    seen.push(o);
    const previousPrice = earlier?.price_minor != null && o.price_minor !== null ? earlier.price_minor : null;
    const previousRank = earlier?.sales_rank != null && o.sales_rank !== null ? earlier.sales_rank : null;
    expected.set(id, {
      title: catalog.get(o.asin)?.name ?? null,
      previous_price_minor: previousPrice,
      got_cheaper: previousPrice !== null && o.price_minor !== null && o.price_minor <= previousPrice * 0.95,
      previous_sales_rank: previousRank,
      rank_jump: previousRank !== null && o.sales_rank !== null && o.sales_rank <= previousRank * 0.8,
    });
  }
  return expected;
}

/** The same fields of enriched observations, by ASIN@observed_at. */
export const movements = (list: readonly EnrichedObservation[]) =>
  new Map(list.map((e) => [`${e.asin}@${e.observed_at}`, { title: e.title, previous_price_minor: e.previous_price_minor, got_cheaper: e.got_cheaper, previous_sales_rank: e.previous_sales_rank, rank_jump: e.rank_jump }]));
