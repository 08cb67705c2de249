/** What a comparison needs of one observation of an ASIN in a marketplace. */
export interface ObservationReading {
  readonly at: number;
  readonly priceMinor: number | null;
  readonly currency: string;
  readonly rank: number | null;
  readonly rankCategory: string | null;
}

/** How an observation moved from the previous one: the EnrichedObservation fields of the same names. */
export interface ObservationMovement {
  readonly previous_price_minor: number | null;
  readonly price_change_minor: number | null;
  readonly got_cheaper: boolean;
  readonly previous_sales_rank: number | null;
  readonly sales_rank_change: number | null;
  readonly rank_jump: boolean;
}

/** A price drop is a fall of at least 5% of the previous price; a rank jump a climb of at least 20% of the previous rank (in basis points). */
export const PRICE_DROP_BPS = 500;
export const RANK_JUMP_BPS = 2_000;

/**
 * The movement of `current` from `previous` (null: the first observation). Prices are compared in
 * one currency only, ranks within one rank category only: across them a difference means nothing.
 * Integer arithmetic, so a threshold is met exactly when it should be.
 */
export function movementOf(previous: ObservationReading | null, current: ObservationReading): ObservationMovement {
  const previousPrice = previous !== null && previous.priceMinor !== null && current.priceMinor !== null && previous.currency === current.currency ? previous.priceMinor : null;
  const priceChange = previousPrice === null || current.priceMinor === null ? null : current.priceMinor - previousPrice;
  const previousRank = previous !== null && previous.rank !== null && current.rank !== null && previous.rankCategory === current.rankCategory ? previous.rank : null;
  const rankChange = previousRank === null || current.rank === null ? null : previousRank - current.rank;
  return {
    previous_price_minor: previousPrice,
    price_change_minor: priceChange,
    got_cheaper: previousPrice !== null && priceChange !== null && priceChange < 0 && -priceChange * 10_000 >= previousPrice * PRICE_DROP_BPS,
    previous_sales_rank: previousRank,
    sales_rank_change: rankChange,
    rank_jump: previousRank !== null && rankChange !== null && rankChange > 0 && rankChange * 10_000 >= previousRank * RANK_JUMP_BPS,
  };
}
